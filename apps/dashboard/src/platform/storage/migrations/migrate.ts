import { sql, type Kysely } from 'kysely';
import type { Database, StorageEngine } from '../database';
import { historyAndLatestReports } from './001-history-and-latest-reports';
import { traffic } from './002-traffic';
import { accounts } from './003-accounts';
import { catalog } from './004-catalog';
import { apiTokensAndAudit } from './006-api-tokens-and-audit';
import { groupOrder } from './007-group-order';
import { enrollmentKeys } from './008-enrollment-keys';
import { replicaLease } from './009-replica-lease';
import { stagingByBucket } from './010-staging-by-bucket';
import { stagingBatches } from './011-staging-batches';
import { columnTypes, type Migration } from './migration';

/** Every schema step, in order. Append; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  historyAndLatestReports,
  traffic,
  accounts,
  catalog,
  apiTokensAndAudit,
  groupOrder,
  enrollmentKeys,
  replicaLease,
  stagingByBucket,
  stagingBatches,
];

/** Any number, the same in every process: the PostgreSQL advisory lock that serialises migrations. */
const PG_MIGRATION_LOCK = 0x555353;

/**
 * Brings the schema up to date at start. Safe when several processes start
 * at once: SQLite takes its write lock first (BEGIN IMMEDIATE waits out the
 * busy timeout), PostgreSQL an advisory transaction lock; whoever comes second
 * finds the work done. Each run is one transaction: all steps or none.
 */
export async function migrate(db: Kysely<Database>, engine: StorageEngine, migrations = MIGRATIONS): Promise<number[]> {
  const types = columnTypes(engine);
  return db.connection().execute(async (conn) => {
    await sql.raw(engine === 'sqlite' ? 'begin immediate' : 'begin').execute(conn);
    try {
      if (engine === 'postgres') await sql`select pg_advisory_xact_lock(${PG_MIGRATION_LOCK})`.execute(conn);
      await conn.schema
        .createTable('schema_version')
        .ifNotExists()
        .addColumn('version', 'integer', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('applied_at', types.bigint, (c) => c.notNull())
        .execute();
      const done = new Set((await conn.selectFrom('schema_version').select('version').execute()).map((r) => Number(r.version)));
      const applied: number[] = [];
      for (const migration of migrations) {
        if (done.has(migration.version)) continue;
        await migration.up(conn, types, engine);
        await conn
          .insertInto('schema_version')
          .values({ version: migration.version, name: migration.name, applied_at: Date.now() })
          .execute();
        applied.push(migration.version);
      }
      await sql`commit`.execute(conn);
      return applied;
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
  });
}
