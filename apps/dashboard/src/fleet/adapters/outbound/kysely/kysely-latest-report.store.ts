import type { Kysely } from 'kysely';
import type { Database } from '../../../../platform/storage/database';
import type { LatestReportStore, StoredReport } from '../../../application/ports/latest-report-store.port';

const BATCH = 500;

/** LatestReportStore over Kysely (SQLite or PostgreSQL): one row per server, replaced on save. */
export class KyselyLatestReportStore implements LatestReportStore {
  constructor(private readonly db: Kysely<Database>) {}

  async save(reports: readonly StoredReport[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < reports.length; i += BATCH) {
        const rows = reports.slice(i, i + BATCH).map((r) => ({ server_id: r.serverId, json: r.json, last_seen: r.lastSeen }));
        await trx
          .insertInto('latest_report')
          .values(rows)
          .onConflict((oc) =>
            oc.column('server_id').doUpdateSet({ json: (eb) => eb.ref('excluded.json'), last_seen: (eb) => eb.ref('excluded.last_seen') }),
          )
          .execute();
      }
    });
  }

  async delete(serverId: string): Promise<void> {
    await this.db.deleteFrom('latest_report').where('server_id', '=', serverId).execute();
  }

  async loadAll(): Promise<StoredReport[]> {
    const rows = await this.db.selectFrom('latest_report').selectAll().orderBy('server_id').execute();
    return rows.map((r) => ({ serverId: r.server_id, json: r.json, lastSeen: Number(r.last_seen) }));
  }
}
