import type { AuditEntry } from '@sss/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../../../platform/storage/database';
import type { AuditStore } from '../../../application/ports/audit-store.port';

/** AuditStore over Kysely (SQLite or PostgreSQL). */
export class KyselyAuditStore implements AuditStore {
  constructor(private readonly db: Kysely<Database>) {}

  async append(entry: Omit<AuditEntry, 'id'>): Promise<void> {
    await this.db.insertInto('audit_entry').values(entry).execute();
  }

  async page(before: number | undefined, limit: number): Promise<AuditEntry[]> {
    let query = this.db.selectFrom('audit_entry').selectAll().orderBy('id', 'desc').limit(limit);
    if (before !== undefined) query = query.where('id', '<', before);
    const rows = await query.execute();
    return rows.map((row) => ({ ...row, id: Number(row.id), at: Number(row.at) }));
  }

  async expire(before: number): Promise<number> {
    const result = await this.db.deleteFrom('audit_entry').where('at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
