// The admin API (README "Accounts"): users, API tokens and the audit log. Types and paths only: the browser imports them.
import type { AccountRole } from './auth-api';

export const ADMIN_PATHS = {
  users: '/api/admin/users',
  user: '/api/admin/users/:username',
  tokens: '/api/admin/tokens',
  token: '/api/admin/tokens/:id',
  audit: '/api/admin/audit',
} as const;

/** What every API token starts with, so a leaked one is easy to recognise (and to scan for). */
export const API_TOKEN_PREFIX = 'sss_';

/** `read`: a viewer's rights (a private board, /metrics); `admin`: an admin's. */
export const API_TOKEN_SCOPES = ['read', 'admin'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

export interface UserSummary {
  username: string;
  role: AccountRole;
  /** `config`: the admin of the config file (admin.passwordHash), changed only there. */
  source: 'config' | 'stored';
}

export interface UserCreateRequest {
  username: string;
  role: AccountRole;
  password: string;
}

/** Either or both: a new role, a new password (which ends every session of the user). */
export interface UserUpdateRequest {
  role?: AccountRole;
  password?: string;
}

/** An API token as listed: never its secret. Times are Unix ms. */
export interface ApiTokenSummary {
  id: string;
  name: string;
  scope: ApiTokenScope;
  createdBy: string;
  createdAt: number;
  /** null: never used. */
  lastUsedAt: number | null;
  /** null: never expires. */
  expiresAt: number | null;
}

export interface ApiTokenCreateRequest {
  name: string;
  scope: ApiTokenScope;
  /** Unix ms in the future; null or absent: never expires. */
  expiresAt?: number | null;
}

/** The answer of creating a token: the only time its secret is shown. */
export interface ApiTokenCreated extends ApiTokenSummary {
  token: string;
}

/** One admin action (or login) as the audit log keeps it. */
export interface AuditEntry {
  id: number;
  /** Unix ms. */
  at: number;
  /** Who: a username, `token:<name>`, or what was typed at a failed login. */
  actor: string;
  /** What, e.g. `auth.login`, `token.create`, `user.remove`, `server.add`. */
  action: string;
  /** On what: a username, a token's name, a server id; "" when nothing. */
  target: string;
  /** From where: the client's address. */
  remote: string;
  detail: string | null;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: number | null;
}
