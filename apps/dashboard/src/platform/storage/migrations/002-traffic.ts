import { sql } from 'kysely';
import type { Migration } from './migration';

export const traffic: Migration = {
  version: 2,
  name: 'traffic accounting',
  async up(db, t, engine) {
    const withoutRowid = engine === 'sqlite' ? sql`without rowid` : sql``;
    const collate = engine === 'postgres' ? sql`collate "C"` : sql``;
    await db.schema
      .createTable('traffic_counter')
      .addColumn('server_id', 'text', (c) => c.notNull().primaryKey().modifyEnd(collate))
      .addColumn('sent', t.bigint, (c) => c.notNull())
      .addColumn('recv', t.bigint, (c) => c.notNull())
      .addColumn('boot_time', t.bigint)
      .execute();
    await db.schema
      .createTable('traffic_day')
      .addColumn('server_id', 'text', (c) => c.notNull().modifyEnd(collate))
      .addColumn('day', t.bigint, (c) => c.notNull())
      .addColumn('sent', t.bigint, (c) => c.notNull())
      .addColumn('recv', t.bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('traffic_day_pk', ['server_id', 'day'])
      .modifyEnd(withoutRowid)
      .execute();
    // Expiry and the restore of every server's day and period read by day alone.
    await db.schema.createIndex('traffic_day_day').on('traffic_day').column('day').execute();
  },
};
