// The SQLite worker thread (bundled as sqlite-worker.js beside main.js). better-sqlite3 is
// synchronous: here its writes and queries never hold up the dashboard's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { KyselyLatestReportStore } from '../../fleet/adapters/outbound/kysely/kysely-latest-report.store';
import { KyselyHistoryStore } from '../../history/adapters/outbound/kysely/kysely-history.store';
import { invoke } from './forward';
import { migrate } from './migrations/migrate';
import { openSqlite } from './open-sqlite';
import type { StoreName } from './store-methods';
import type { WorkerCall, WorkerReply } from './worker-client';

const { path } = workerData as { path: string };
let opened: Promise<Record<StoreName, object>> | undefined;

/** Opens and migrates on first use; after a failure (a locked or read-only file) the next call tries again. */
function stores(): Promise<Record<StoreName, object>> {
  opened ??= open().catch((err: unknown) => {
    opened = undefined;
    throw err;
  });
  return opened;
}

async function open(): Promise<Record<StoreName, object>> {
  const db = openSqlite(path);
  try {
    await migrate(db, 'sqlite');
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return { history: new KyselyHistoryStore(db, 'sqlite'), latest: new KyselyLatestReportStore(db) };
}

async function answer({ id, store, method, args }: WorkerCall): Promise<WorkerReply> {
  try {
    return { id, result: await invoke((await stores())[store], method, args) };
  } catch (err) {
    return { id, error: (err as Error).message };
  }
}

parentPort!.on('message', (call: WorkerCall) => void answer(call).then((reply) => parentPort!.postMessage(reply)));
