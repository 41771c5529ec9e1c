import type { AuditEntry } from '@sss/contracts';

/** The audit log's rows, kept in the dashboard's database. */
export interface AuditStore {
  append(entry: Omit<AuditEntry, 'id'>): Promise<void>;
  /** Up to `limit` entries with an id below `before` (all when undefined), newest first. */
  page(before: number | undefined, limit: number): Promise<AuditEntry[]>;
  /** Removes the entries older than `before` (Unix ms); how many. */
  expire(before: number): Promise<number>;
}

export const AUDIT_STORE = Symbol('AuditStore');
