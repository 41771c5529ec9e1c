import { Log } from '@sss/log';
import { sql, type Kysely } from 'kysely';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { HistoryStore } from '../../apps/dashboard/src/history/application/ports/history-store.port';
import type { StorageConfig } from '../../apps/dashboard/src/platform/config/dashboard-config';
import type { Database, StorageEngine } from '../../apps/dashboard/src/platform/storage/database';
import { openPostgres } from '../../apps/dashboard/src/platform/storage/open-postgres';
import { openSqlite } from '../../apps/dashboard/src/platform/storage/open-sqlite';
import { openStores } from '../../apps/dashboard/src/platform/storage/open-stores';
import type { PostgresCluster } from '../../test/support/postgres-cluster';
import { ROOT } from '../targets';

/** The dashboard's SQLite worker thread, from its production build. */
const STORAGE_WORKER = join(ROOT, 'dist/apps/dashboard/storage-worker.js');

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
 * Opens a new database, a SQLite file in a temporary folder or a database of its own in `cluster`, written by the
 * dashboard's storage worker thread as `openStores` starts it, from the built bundle.
 */
export async function openEngine(engine: StorageEngine, cluster: PostgresCluster | undefined): Promise<HistoryEngine> {
  const threadsBefore = new Set(readdirSync('/proc/self/task'));
  let config: StorageConfig;
  let cleanUp: () => Promise<void>;
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'sss-bench-history-'));
    config = { path: join(dir, 'sss.db') };
    cleanUp = () => Promise.resolve(rmSync(dir, { recursive: true, force: true }));
  } else {
    if (!cluster) throw new Error('PostgreSQL needs a cluster');
    const name = `bench_${++databases}`;
    config = { path: '', url: await cluster.createDatabase(name) };
    cleanUp = () => dropDatabase(cluster.url, name);
  }
  const stores = openStores(config, log, STORAGE_WORKER);
  const store = stores.history;
  await store.size(); // starts the worker, which creates the database's schema
  const db = engine === 'sqlite' ? openSqlite(config.path) : openPostgres(config.url!);
  const close = async () => {
    await stores.close();
    await db.destroy();
    await cleanUp();
  };
  return {
    engine,
    store,
    db,
    emptyBytes: await store.size(),
    // The storage worker: the thread that appeared when the store started.
    storeThreads: readdirSync('/proc/self/task')
      .filter((tid) => !threadsBefore.has(tid))
      .map(Number),
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
