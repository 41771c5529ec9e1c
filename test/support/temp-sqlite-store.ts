import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KyselyHistoryStore } from '../../apps/dashboard/src/history/adapters/outbound/kysely/kysely-history.store';
import { migrate } from '../../apps/dashboard/src/platform/storage/migrations/migrate';
import { openSqlite } from '../../apps/dashboard/src/platform/storage/open-sqlite';

/** The real history store on a fresh SQLite file in a temporary directory, for the queries' specs. */
export async function tempSqliteStore(): Promise<{ store: KyselyHistoryStore; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'sss-history-'));
  const db = openSqlite(join(dir, 'sss.db'));
  await migrate(db, 'sqlite');
  return {
    store: new KyselyHistoryStore(db, 'sqlite'),
    close: async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
