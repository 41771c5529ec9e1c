import type { Migration } from './migration';

/** Who among the dashboard replicas runs the jobs that must run once (bus/: Lease). */
export const replicaLease: Migration = {
  version: 9,
  name: 'replica-lease',
  async up(db, t) {
    await db.schema
      .createTable('replica_lease')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('holder', 'text', (c) => c.notNull())
      .addColumn('expires_at', t.bigint, (c) => c.notNull())
      .execute();
  },
};
