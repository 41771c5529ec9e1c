import type { Migration } from './migration';

export const groupOrder: Migration = {
  version: 7,
  name: 'group-order',
  async up(db) {
    // The board's order of groups, set in the console: position 0 first. Groups not listed follow, by name.
    await db.schema
      .createTable('catalog_group_order')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('position', 'integer', (c) => c.notNull())
      .execute();
  },
};
