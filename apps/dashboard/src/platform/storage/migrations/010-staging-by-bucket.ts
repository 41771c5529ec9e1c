import { sql } from 'kysely';
import { stagingBucket } from '../staging-bucket';
import type { Migration } from './migration';

/** Rows copied per statement: well under both engines' limits on bound parameters. */
const COPY_BATCH = 500;

/**
 * history_staging keyed by (bucket, at, server_id) instead of (server_id, at): see staging-bucket.ts. The table
 * holds the last minutes of reports only (packing empties it), so its rows are copied over, in key order.
 */
export const stagingByBucket: Migration = {
  version: 10,
  name: 'staging-by-bucket',
  async up(db, t, engine) {
    await db.schema.alterTable('history_staging').renameTo('history_staging_by_server').execute();
    await db.schema
      .createTable('history_staging')
      .addColumn('bucket', 'integer', (c) => c.notNull())
      .addColumn('at', t.bigint, (c) => c.notNull())
      .addColumn('server_id', 'text', (c) => c.notNull().modifyEnd(engine === 'postgres' ? sql`collate "C"` : sql``))
      .addColumn('data', t.blob, (c) => c.notNull())
      .addPrimaryKeyConstraint('history_staging_bucket_pk', ['bucket', 'at', 'server_id'])
      .modifyEnd(engine === 'sqlite' ? sql`without rowid` : sql``)
      .execute();
    let after = { server_id: '', at: -1 };
    for (;;) {
      const rows: { server_id: string; at: number; data: Uint8Array }[] = await db
        .selectFrom('history_staging_by_server')
        .select(['server_id', 'at', 'data'])
        .where((eb) =>
          eb.or([eb('server_id', '>', after.server_id), eb.and([eb('server_id', '=', after.server_id), eb('at', '>', after.at)])]),
        )
        .orderBy('server_id')
        .orderBy('at')
        .limit(COPY_BATCH)
        .execute();
      if (rows.length === 0) break;
      await db
        .insertInto('history_staging')
        .values(rows.map((r) => ({ bucket: stagingBucket(r.server_id), at: Number(r.at), server_id: r.server_id, data: r.data })))
        .execute();
      after = { server_id: rows[rows.length - 1].server_id, at: Number(rows[rows.length - 1].at) };
    }
    await db.schema.dropTable('history_staging_by_server').execute();
    await db.schema.createIndex('history_staging_at').on('history_staging').column('at').execute();
  },
};
