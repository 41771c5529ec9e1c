import { Log } from '@sss/log';
import { sql, type Kysely } from 'kysely';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { HistoryStore } from '../../apps/dashboard/src/history/application/ports/history-store.port';
import type { Database, StorageEngine } from '../../apps/dashboard/src/platform/storage/database';
import { forward } from '../../apps/dashboard/src/platform/storage/forward';
import { openPostgres } from '../../apps/dashboard/src/platform/storage/open-postgres';
import { openSqlite } from '../../apps/dashboard/src/platform/storage/open-sqlite';
import { openStores } from '../../apps/dashboard/src/platform/storage/open-stores';
import { HISTORY_STORE_METHODS } from '../../apps/dashboard/src/platform/storage/store-methods';
import { WorkerClient } from '../../apps/dashboard/src/platform/storage/worker-client';
import type { PostgresCluster } from '../../test/support/postgres-cluster';
import { ROOT } from '../targets';

/** The dashboard's SQLite worker thread, from its production build. */
const SQLITE_WORKER = join(ROOT, 'dist/apps/dashboard/sqlite-worker.js');

/** A fresh history database on one engine, its store as the dashboard opens it. */
export interface HistoryEngine {
  engine: StorageEngine;
  store: HistoryStore;
  /** A connection of its own to the same database, for the bench's counting (never while it measures CPU). */
  db: Kysely<Database>;
  /** The database's size when empty (schema only): what does not grow with the data. */
  emptyBytes: number;
  /** The threads of this process the store runs in (SQLite's worker), counted apart from the rest. */
  storeThreads: number[];
  /** The processes of the database server, whose CPU is counted apart (PostgreSQL's). */
  serverPids(): number[];
  /**
   * What PostgreSQL's autovacuum does about once a minute: mark the space of deleted rows (packed staging rows,
   * expired chunks) for reuse. A simulation that passes a day in a fraction of a second gives it no time to run.
   */
  vacuum(): Promise<void>;
  close(): Promise<void>;
}

const log = new Log('bench-history');
let databases = 0;

/**
 * Opens a new database: a SQLite file in a temporary folder, written by the dashboard's worker thread (as
 * `openStores` starts it, from the built bundle), or a database of its own in `cluster` through `openStores`.
 */
export async function openEngine(engine: StorageEngine, cluster: PostgresCluster | undefined): Promise<HistoryEngine> {
  const threadsBefore = new Set(readdirSync('/proc/self/task'));
  let store: HistoryStore;
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'sss-bench-history-'));
    const path = join(dir, 'sss.db');
    const client = new WorkerClient(SQLITE_WORKER, { path }, log);
    store = forward<HistoryStore>(HISTORY_STORE_METHODS, (method, args) => client.call('history', method, args));
    await store.size(); // starts the worker, which creates the file and its schema
    db = openSqlite(path);
    close = async () => {
      await client.close();
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    };
  } else {
    if (!cluster) throw new Error('PostgreSQL needs a cluster');
    const name = `bench_${++databases}`;
    const url = await cluster.createDatabase(name);
    const stores = openStores({ path: '', url }, log);
    store = stores.history;
    await store.size(); // the schema, on first use
    db = openPostgres(url);
    close = async () => {
      await stores.close();
      await db.destroy();
      await dropDatabase(cluster.url, name);
    };
  }
  return {
    engine,
    store,
    db,
    emptyBytes: await store.size(),
    // SQLite's worker: the thread that appeared when the store started.
    storeThreads:
      engine === 'sqlite'
        ? readdirSync('/proc/self/task')
            .filter((tid) => !threadsBefore.has(tid))
            .map(Number)
        : [],
    serverPids: () => cluster?.serverPids() ?? [],
    vacuum: async () => {
      if (engine === 'postgres') await sql`vacuum`.execute(db);
    },
    close,
  };
}

async function dropDatabase(clusterUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: clusterUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE ${name}`);
  } finally {
    await client.end();
  }
}
