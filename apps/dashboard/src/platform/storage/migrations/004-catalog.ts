import type { Migration } from './migration';

export const catalog: Migration = {
  version: 4,
  name: 'catalog',
  async up(db, t) {
    await db.schema
      .createTable('catalog_server')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text')
      .addColumn('grp', 'text')
      .addColumn('country_code', 'text')
      .addColumn('tags', 'text', (c) => c.notNull())
      .addColumn('hidden', 'integer', (c) => c.notNull())
      .addColumn('notes', 'text')
      .addColumn('traffic', 'text')
      .addColumn('weight', 'integer', (c) => c.notNull())
      .addColumn('via', 'text', (c) => c.notNull())
      .addColumn('secret_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .execute();
  },
};
