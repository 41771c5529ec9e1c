import type { Kysely } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KyselyHistoryStore } from '../../apps/dashboard/src/history/adapters/outbound/kysely/kysely-history.store';
import type { Database } from '../../apps/dashboard/src/platform/storage/database';
import { migrate } from '../../apps/dashboard/src/platform/storage/migrations/migrate';
import { openSqlite } from '../../apps/dashboard/src/platform/storage/open-sqlite';

/** A fresh, migrated SQLite file in a temporary directory, for the stores' specs. */
export async function tempSqliteDatabase(): Promise<{ db: Kysely<Database>; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'sss-sqlite-'));
  const db = openSqlite(join(dir, 'sss.db'));
  await migrate(db, 'sqlite');
  return {
    db,
    close: async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The real history store on a fresh SQLite file, for the queries' specs. */
export async function tempSqliteStore(): Promise<{ store: KyselyHistoryStore; close: () => Promise<void> }> {
  const { db, close } = await tempSqliteDatabase();
  return { store: new KyselyHistoryStore(db, 'sqlite'), close };
}
