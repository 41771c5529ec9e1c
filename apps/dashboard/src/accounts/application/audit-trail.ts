import type { AuditPage } from '@sss/contracts';
import type { Log } from '@sss/log';
import type { AuditStore } from './ports/audit-store.port';

/** One admin action as its caller tells it. Never a secret, a password or a hash in any field. */
export interface AuditRecord {
  /** A username, `token:<name>` (tokenActor), or what was typed at a failed login. */
  actor: string;
  /** `<area>.<verb>`, e.g. `user.add`, `server.rotate-secret`. */
  action: string;
  target: string;
  remote: string;
  detail?: string;
}

/**
 * The audit log: every admin action and login, kept in the database for a
 * bounded time (admin.auditRetention). Other capabilities record theirs
 * through it. A failed write is logged and does not undo or fail the action
 * it describes: the action has happened by then.
 */
export class AuditTrail {
  constructor(
    private readonly store: AuditStore,
    private readonly log: Log,
    private readonly options: { retentionMs: number; now: () => number },
  ) {}

  async record(record: AuditRecord): Promise<void> {
    const entry = { ...record, detail: record.detail ?? null, at: this.options.now() };
    try {
      await this.store.append(entry);
    } catch (err) {
      this.log.error('audit entry not stored', { action: entry.action, actor: entry.actor, error: (err as Error).message });
    }
  }

  /** Newest first: `before` is the previous page's nextBefore. */
  async page(before: number | undefined, limit: number): Promise<AuditPage> {
    // One more than asked tells whether an older page exists.
    const rows = await this.store.page(before, limit + 1);
    const entries = rows.slice(0, limit);
    return { entries, nextBefore: rows.length > limit ? entries[entries.length - 1].id : null };
  }

  /** Removes what is older than the retention; how many. */
  expire(): Promise<number> {
    return this.store.expire(this.options.now() - this.options.retentionMs);
  }
}
