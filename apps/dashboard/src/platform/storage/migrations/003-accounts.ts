import type { Migration } from './migration';

export const accounts: Migration = {
  version: 3,
  name: 'accounts',
  async up(db, t) {
    await db.schema
      .createTable('account_user')
      .addColumn('username', 'text', (c) => c.primaryKey())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('account_session')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('last_seen_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('account_session_username').on('account_session').column('username').execute();
  },
};
