// A second process on the same database, for the tests that need one:
//   migrate <engine> <location>        once "go" arrives on stdin, migrates (plus a step that takes half a second, so
//                                      two processes overlap) and prints the versions it applied as JSON
//   write <engine> <location>          appends 50 samples at a time, forever, printing "wrote <total>" after each commit
import { KyselyHistoryStore } from '../../../apps/dashboard/src/history/adapters/outbound/kysely/kysely-history.store';
import type { StorageEngine } from '../../../apps/dashboard/src/platform/storage/database';
import { migrate, MIGRATIONS } from '../../../apps/dashboard/src/platform/storage/migrations/migrate';
import { openStorage } from './test-storage';

async function main(): Promise<void> {
  const [mode, engine, location] = process.argv.slice(2) as ['migrate' | 'write', StorageEngine, string];
  const db = openStorage(engine, location);
  if (mode === 'migrate') {
    const slow = { version: 1001, name: 'a slow step', up: () => new Promise<void>((resolve) => setTimeout(resolve, 500)) };
    console.log('ready');
    await new Promise((resolve) => process.stdin.once('data', resolve));
    console.log(JSON.stringify(await migrate(db, engine, [...MIGRATIONS, slow])));
    await db.destroy();
    return;
  }
  const store = new KyselyHistoryStore(db, engine);
  const start = Date.UTC(2026, 0, 1);
  for (let total = 0; ;) {
    const batch = Array.from({ length: 50 }, (_, i) => ({
      serverId: 'w',
      sample: { at: start + (total + i) * 1000, values: { cpu: (total + i) % 100 } },
    }));
    await store.append(batch, []);
    total += batch.length;
    console.log(`wrote ${total}`);
  }
}

main().catch((err: Error) => {
  console.error(err.stack);
  process.exit(1);
});
