import type { Migration } from './migration';

export const apiTokensAndAudit: Migration = {
  version: 6,
  name: 'api-tokens-and-audit',
  async up(db, t, engine) {
    await db.schema
      .createTable('account_api_token')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('last_used_at', t.bigint)
      .addColumn('expires_at', t.bigint)
      .execute();
    await db.schema
      .createTable('audit_entry')
      // SQLite's integer primary key is the rowid, numbered on insert; PostgreSQL needs a sequence.
      .addColumn('id', engine === 'sqlite' ? 'integer' : 'bigserial', (c) => c.primaryKey())
      .addColumn('at', t.bigint, (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('remote', 'text', (c) => c.notNull())
      .addColumn('detail', 'text')
      .execute();
    await db.schema.createIndex('audit_entry_at').on('audit_entry').column('at').execute();
  },
};
