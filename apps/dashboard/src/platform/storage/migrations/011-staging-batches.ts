import { sql } from 'kysely';
import { packStagedEntries } from '../staging-batch';
import type { Migration } from './migration';

/** Rows read per statement: well under both engines' limits on bound parameters. */
const COPY_BATCH = 500;
/** The writer of the rows carried over; a running dashboard names itself with a random number from 0 to 2^47. */
const MIGRATED = -1;

/**
 * history_staging holds one row per bucket, second and write, with each server's samples of that second inside
 * (staging-batch.ts), instead of a row per server and second. Rows are carried over in key order: those of one
 * bucket and second that one read returns become one row, `seq` numbering the reads.
 */
export const stagingBatches: Migration = {
  version: 11,
  name: 'staging-batches',
  async up(db, t, engine) {
    await db.schema.dropIndex('history_staging_at').execute();
    await db.schema.alterTable('history_staging').renameTo('history_staging_by_bucket').execute();
    await db.schema
      .createTable('history_staging')
      .addColumn('bucket', 'integer', (c) => c.notNull())
      .addColumn('at', t.bigint, (c) => c.notNull())
      .addColumn('writer', t.bigint, (c) => c.notNull())
      .addColumn('seq', t.bigint, (c) => c.notNull())
      .addColumn('samples', 'integer', (c) => c.notNull())
      .addColumn('data', t.blob, (c) => c.notNull())
      .addPrimaryKeyConstraint('history_staging_batch_pk', ['bucket', 'at', 'writer', 'seq'])
      .modifyEnd(engine === 'sqlite' ? sql`without rowid` : sql``)
      .execute();
    let after = { bucket: -1, at: 0, server_id: '' };
    for (let seq = 0; ; seq++) {
      const rows: { bucket: number; at: number; server_id: string; data: Uint8Array }[] = await db
        .selectFrom('history_staging_by_bucket')
        .select(['bucket', 'at', 'server_id', 'data'])
        .where(sql<boolean>`(bucket, at, server_id) > (${after.bucket}, ${after.at}, ${after.server_id})`)
        .orderBy('bucket')
        .orderBy('at')
        .orderBy('server_id')
        .limit(COPY_BATCH)
        .execute();
      if (rows.length === 0) break;
      const batches = new Map<string, { bucket: number; at: number; entries: { serverId: string; data: Uint8Array }[] }>();
      for (const r of rows) {
        const key = `${r.bucket}:${r.at}`;
        const batch = batches.get(key) ?? { bucket: Number(r.bucket), at: Number(r.at), entries: [] };
        batch.entries.push({ serverId: r.server_id, data: r.data });
        batches.set(key, batch);
      }
      await db
        .insertInto('history_staging')
        .values(
          [...batches.values()].map((b) => ({
            bucket: b.bucket,
            at: b.at,
            writer: MIGRATED,
            seq,
            samples: b.entries.length,
            data: packStagedEntries(b.entries),
          })),
        )
        .execute();
      const last = rows[rows.length - 1];
      after = { bucket: Number(last.bucket), at: Number(last.at), server_id: last.server_id };
    }
    await db.schema.dropTable('history_staging_by_bucket').execute();
    await db.schema.createIndex('history_staging_at').on('history_staging').column('at').execute();
  },
};
