import type { Kysely } from 'kysely';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database, StorageEngine } from '../../../apps/dashboard/src/platform/storage/database';
import { migrate } from '../../../apps/dashboard/src/platform/storage/migrations/migrate';
import { openPostgres } from '../../../apps/dashboard/src/platform/storage/open-postgres';
import { openSqlite } from '../../../apps/dashboard/src/platform/storage/open-sqlite';
import { createTestDatabase } from '../../support/postgres-cluster';

export interface TestStorage {
  engine: StorageEngine;
  db: Kysely<Database>;
  /** Where another process finds the same database: a file path or a postgres:// URL. */
  location: string;
}

/** A fresh, empty database of each engine: a SQLite file in a temp folder, or a new database in the test cluster. */
export const ENGINES: Record<StorageEngine, () => Promise<{ engine: StorageEngine; location: string }>> = {
  sqlite: () => Promise.resolve({ engine: 'sqlite', location: join(mkdtempSync(join(tmpdir(), 'sss-store-')), 'sss.db') }),
  postgres: async () => ({ engine: 'postgres', location: await createTestDatabase() }),
};

export function openStorage(engine: StorageEngine, location: string): Kysely<Database> {
  return engine === 'sqlite' ? openSqlite(location) : openPostgres(location);
}

/** A fresh database of `engine`, migrated. */
export async function freshStorage(engine: StorageEngine, migrated = true): Promise<TestStorage> {
  const { location } = await ENGINES[engine]();
  const db = openStorage(engine, location);
  if (migrated) await migrate(db, engine);
  return { engine, db, location };
}
