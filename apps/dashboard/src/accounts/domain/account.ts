/** `admin` may change everything; `viewer` sees what the public board hides and changes nothing. */
export type Role = 'admin' | 'viewer';

export const ROLES: readonly Role[] = ['admin', 'viewer'];

/** Who a request is, once its session checked out. */
export interface Principal {
  username: string;
  role: Role;
}

export interface User extends Principal {
  /** argon2id, in its standard encoded form; NO_PASSWORD for a user of the OpenID Connect provider. */
  passwordHash: string;
}

/** The password hash of a user who signs in through OpenID Connect: no password ever matches it. */
export const NO_PASSWORD = '';

/** A login. The browser holds a random token; only its hash is stored, so a leaked table opens nothing. */
export interface Session {
  tokenHash: string;
  username: string;
  createdAt: number;
  lastSeenAt: number;
}

export interface SessionLimits {
  /** A session unused this long ends. */
  idleMs: number;
  /** A session ends this long after login, used or not. */
  maxMs: number;
}

export function sessionExpired(session: Session, limits: SessionLimits, now: number): boolean {
  return now - session.lastSeenAt >= limits.idleMs || now - session.createdAt >= limits.maxMs;
}
