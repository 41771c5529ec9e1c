import type { User } from './domain/account';
import type { SessionLimits } from './domain/account';

/** What the accounts module is built with, from the config's `admin` section. */
export interface AccountsSettings {
  configuredAdmin?: User;
  limits: SessionLimits;
  /** `board.public`: the board needs no login. */
  publicBoard: boolean;
  /** admin.auditRetention. */
  auditRetentionMs: number;
}

export const ACCOUNTS_OPTIONS = Symbol('AccountsSettings');
