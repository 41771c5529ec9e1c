import type { Migration } from './migration';

export const enrollmentKeys: Migration = {
  version: 8,
  name: 'enrollment-keys',
  async up(db, t) {
    await db.schema
      .createTable('enrollment_key')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('id_pattern', 'text', (c) => c.notNull())
      .addColumn('grp', 'text')
      .addColumn('expires_at', t.bigint)
      .addColumn('revoked', 'integer', (c) => c.notNull())
      .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .execute();
  },
};
