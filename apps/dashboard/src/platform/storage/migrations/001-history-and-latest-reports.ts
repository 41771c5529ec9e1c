import { sql, type ColumnDefinitionBuilder } from 'kysely';
import type { Migration } from './migration';

export const historyAndLatestReports: Migration = {
  version: 1,
  name: 'history and latest reports',
  async up(db, t, engine) {
    // SQLite: a table whose primary key is the lookup key needs no hidden rowid and its second index.
    const withoutRowid = engine === 'sqlite' ? sql`without rowid` : sql``;
    // Server ids compare byte by byte on both engines, so paging by id agrees with JavaScript's order.
    const id = (c: ColumnDefinitionBuilder) => c.notNull().modifyEnd(engine === 'postgres' ? sql`collate "C"` : sql``);
    await db.schema
      .createTable('history_staging')
      .addColumn('server_id', 'text', id)
      .addColumn('at', t.bigint, (c) => c.notNull())
      .addColumn('data', t.blob, (c) => c.notNull())
      .addPrimaryKeyConstraint('history_staging_pk', ['server_id', 'at'])
      .modifyEnd(withoutRowid)
      .execute();
    await db.schema.createIndex('history_staging_at').on('history_staging').column('at').execute();
    for (const table of ['history_raw', 'history_1m', 'history_15m', 'history_1h']) {
      await db.schema
        .createTable(table)
        .addColumn('server_id', 'text', id)
        .addColumn('start_at', t.bigint, (c) => c.notNull())
        .addColumn('end_at', t.bigint, (c) => c.notNull())
        .addColumn('samples', 'integer', (c) => c.notNull())
        .addColumn('data', t.blob, (c) => c.notNull())
        .addPrimaryKeyConstraint(`${table}_pk`, ['server_id', 'start_at'])
        // SQLite: a rowid table, unlike the others: its rows are kilobytes, and a rowid table keeps up to a page of
        // each row in place, where a WITHOUT ROWID one moves all but a quarter page to overflow pages.
        // PostgreSQL: split by time into partitions made as data arrives and dropped whole (chunk-space.ts).
        .modifyEnd(engine === 'sqlite' ? sql`` : sql`partition by range (start_at)`)
        .execute();
      await db.schema.createIndex(`${table}_start`).on(table).column('start_at').execute();
    }
    await db.schema
      .createTable('history_transition')
      .addColumn('server_id', 'text', id)
      .addColumn('at', t.bigint, (c) => c.notNull())
      .addColumn('online', 'integer', (c) => c.notNull())
      .addColumn('cause', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('history_transition_pk', ['server_id', 'at', 'online'])
      .modifyEnd(withoutRowid)
      .execute();
    await db.schema
      .createTable('history_mark')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('latest_report')
      .addColumn('server_id', 'text', (c) => id(c).primaryKey())
      .addColumn('json', 'text', (c) => c.notNull())
      .addColumn('last_seen', t.bigint, (c) => c.notNull())
      .execute();
  },
};
