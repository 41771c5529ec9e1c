import type { ApiTokenScope } from '@sss/contracts';
import type { Role } from './account';

/** A credential for scripts and Prometheus. Only the hash of its secret is kept, like a session's. */
export interface ApiToken {
  id: string;
  name: string;
  scope: ApiTokenScope;
  tokenHash: string;
  createdBy: string;
  createdAt: number;
  lastUsedAt: number | null;
  expiresAt: number | null;
}

/** A token acts with the rights of this role. */
export function roleOfScope(scope: ApiTokenScope): Role {
  return scope === 'admin' ? 'admin' : 'viewer';
}

export function tokenExpired(token: ApiToken, now: number): boolean {
  return token.expiresAt !== null && now >= token.expiresAt;
}

/** How a token shows up as an actor (the audit log, /api/auth/me): never mistaken for a username, which has no ':'. */
export function tokenActor(name: string): string {
  return `token:${name}`;
}
