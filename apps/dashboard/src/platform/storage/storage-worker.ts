// The storage worker thread (bundled as storage-worker.js beside main.js): better-sqlite3 is
// synchronous, and pg encodes every parameter in JavaScript; here neither holds up the
// dashboard's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { KyselyAccountStore } from '../../accounts/adapters/outbound/kysely/kysely-account.store';
import { KyselyAuditStore } from '../../accounts/adapters/outbound/kysely/kysely-audit.store';
import { KyselyLeaseStore } from '../../bus/adapters/outbound/kysely/kysely-lease.store';
import { KyselyCatalogStore } from '../../catalog/adapters/outbound/kysely/kysely-catalog.store';
import { KyselyEnrollmentKeyStore } from '../../enrollment/adapters/outbound/kysely/kysely-enrollment-key.store';
import { KyselyLatestReportStore } from '../../fleet/adapters/outbound/kysely/kysely-latest-report.store';
import { KyselyHistoryStore } from '../../history/adapters/outbound/kysely/kysely-history.store';
import { KyselyTrafficStore } from '../../traffic/adapters/outbound/kysely/kysely-traffic.store';
import { invoke } from './forward';
import { migrate } from './migrations/migrate';
import type { StorageEngine } from './database';
import { openPostgres } from './open-postgres';
import { openSqlite } from './open-sqlite';
import type { StoreName } from './store-methods';
import { lowerThreadPriority } from './thread-priority';
import type { WorkerCall, WorkerReply } from './worker-client';

/** What open-stores.ts starts it with: the engine, and the SQLite file or the postgres:// URL. */
export interface StorageWorkerData {
  engine: StorageEngine;
  location: string;
}

const { engine, location } = workerData as StorageWorkerData;

/**
 * Writes are batched, retried and bounded (see HistoryRecorder), ingest and
 * broadcast are not: when the CPU is short, the event loop goes first.
 */
const STORAGE_THREAD_NICE = 10;
lowerThreadPriority(STORAGE_THREAD_NICE);
let opened: Promise<Record<StoreName, object>> | undefined;
/** The last failed open, answered to calls until it may be tried again. */
let failure: { at: number; error: Error } | undefined;

/**
 * A failed open is not tried again for this long: on a locked database each
 * try waits out the busy timeout, and calls queued behind it would each wait too.
 */
const REOPEN_AFTER_MS = 2_000;

/** Opens and migrates on first use; after a failure (a read-only file, a server down) a later call tries again. */
function stores(): Promise<Record<StoreName, object>> {
  if (!opened && failure && Date.now() - failure.at < REOPEN_AFTER_MS) return Promise.reject(failure.error);
  opened ??= open().catch((error: Error) => {
    opened = undefined;
    failure = { at: Date.now(), error };
    throw error;
  });
  return opened;
}

async function open(): Promise<Record<StoreName, object>> {
  const db = engine === 'sqlite' ? openSqlite(location) : openPostgres(location);
  try {
    await migrate(db, engine);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return {
    history: new KyselyHistoryStore(db, engine),
    latest: new KyselyLatestReportStore(db),
    traffic: new KyselyTrafficStore(db),
    accounts: new KyselyAccountStore(db),
    audit: new KyselyAuditStore(db),
    catalog: new KyselyCatalogStore(db),
    enrollmentKeys: new KyselyEnrollmentKeyStore(db),
    lease: new KyselyLeaseStore(db),
  };
}

async function answer({ id, store, method, args }: WorkerCall): Promise<WorkerReply> {
  try {
    return { id, result: await invoke((await stores())[store], method, args) };
  } catch (err) {
    return { id, error: (err as Error).message };
  }
}

parentPort!.on('message', (call: WorkerCall) => void answer(call).then((reply) => parentPort!.postMessage(reply)));
