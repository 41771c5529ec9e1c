import type { Kysely } from 'kysely';
import type { Database } from '../../../../platform/storage/database';
import type { ServerBytes, ServerTrafficDay, StoredCounters, TrafficStore } from '../../../application/ports/traffic-store.port';
import type { TrafficDay } from '../../../domain/traffic-day';

const BATCH = 500;

/** TrafficStore over Kysely (SQLite or PostgreSQL). Byte counts are whole numbers in bigint columns. */
export class KyselyTrafficStore implements TrafficStore {
  constructor(private readonly db: Kysely<Database>) {}

  async save(counters: readonly StoredCounters[], days: readonly ServerTrafficDay[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < counters.length; i += BATCH) {
        const rows = counters.slice(i, i + BATCH).map((c) => ({
          server_id: c.serverId,
          sent: Math.round(c.sent),
          recv: Math.round(c.recv),
          boot_time: c.bootTime === undefined ? null : Math.round(c.bootTime),
        }));
        await trx
          .insertInto('traffic_counter')
          .values(rows)
          .onConflict((oc) =>
            oc.column('server_id').doUpdateSet((eb) => ({
              sent: eb.ref('excluded.sent'),
              recv: eb.ref('excluded.recv'),
              boot_time: eb.ref('excluded.boot_time'),
            })),
          )
          .execute();
      }
      for (let i = 0; i < days.length; i += BATCH) {
        const rows = days
          .slice(i, i + BATCH)
          .map((d) => ({ server_id: d.serverId, day: d.day, sent: Math.round(d.sent), recv: Math.round(d.recv) }));
        await trx
          .insertInto('traffic_day')
          .values(rows)
          .onConflict((oc) =>
            oc.columns(['server_id', 'day']).doUpdateSet((eb) => ({ sent: eb.ref('excluded.sent'), recv: eb.ref('excluded.recv') })),
          )
          .execute();
      }
    });
  }

  async loadCounters(): Promise<StoredCounters[]> {
    const rows = await this.db.selectFrom('traffic_counter').selectAll().orderBy('server_id').execute();
    return rows.map((r) => ({
      serverId: r.server_id,
      sent: Number(r.sent),
      recv: Number(r.recv),
      ...(r.boot_time === null ? {} : { bootTime: Number(r.boot_time) }),
    }));
  }

  async daysFrom(from: number): Promise<ServerTrafficDay[]> {
    const rows = await this.db.selectFrom('traffic_day').selectAll().where('day', '>=', from).orderBy('server_id').orderBy('day').execute();
    return rows.map((r) => ({ serverId: r.server_id, ...bytesOf(r) }));
  }

  async totalsFrom(from: number): Promise<ServerBytes[]> {
    const rows = await this.db
      .selectFrom('traffic_day')
      .select((eb) => ['server_id', eb.fn.sum<number | string>('sent').as('sent'), eb.fn.sum<number | string>('recv').as('recv')])
      .where('day', '>=', from)
      .groupBy('server_id')
      .orderBy('server_id')
      .execute();
    return rows.map((r) => ({ serverId: r.server_id, sent: Number(r.sent), recv: Number(r.recv) }));
  }

  async days(serverId: string, from: number, to: number): Promise<TrafficDay[]> {
    const rows = await this.db
      .selectFrom('traffic_day')
      .selectAll()
      .where('server_id', '=', serverId)
      .where('day', '>=', from)
      .where('day', '<', to)
      .orderBy('day')
      .execute();
    return rows.map(bytesOf);
  }

  async purge(serverId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('traffic_counter').where('server_id', '=', serverId).execute();
      await trx.deleteFrom('traffic_day').where('server_id', '=', serverId).execute();
    });
  }

  async expire(before: number): Promise<number> {
    const result = await this.db.deleteFrom('traffic_day').where('day', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

/** Numbers from either engine: PostgreSQL's sums arrive as strings (numeric). */
function bytesOf(r: { day: number | string; sent: number | string; recv: number | string }): TrafficDay {
  return { day: Number(r.day), sent: Number(r.sent), recv: Number(r.recv) };
}
