import type { User } from './domain/account';
import type { SessionLimits } from './domain/account';

/** What the accounts module is built with, from the config's `admin`, `oidc`, `publicUrl` and `board` sections. */
export interface AccountsSettings {
  configuredAdmin?: User;
  limits: SessionLimits;
  /** `board.public`: the board needs no login. */
  publicBoard: boolean;
  /** Set when OpenID Connect login is configured (its secret stays with the OIDC client). */
  oidc?: { displayName: string; roleClaim: string };
  /** `publicUrl`: how browsers reach the dashboard. */
  publicUrl?: string;
  /** admin.auditRetention. */
  auditRetentionMs: number;
}

export const ACCOUNTS_OPTIONS = Symbol('AccountsSettings');
