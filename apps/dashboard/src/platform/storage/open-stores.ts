import type { Log } from '@sss/log';
import type { Kysely } from 'kysely';
import { join, resolve } from 'node:path';
import { KyselyLatestReportStore } from '../../fleet/adapters/outbound/kysely/kysely-latest-report.store';
import type { LatestReportStore } from '../../fleet/application/ports/latest-report-store.port';
import { KyselyHistoryStore } from '../../history/adapters/outbound/kysely/kysely-history.store';
import type { HistoryStore } from '../../history/application/ports/history-store.port';
import type { StorageConfig } from '../config/dashboard-config';
import type { Database, StorageEngine } from './database';
import { forward, invoke } from './forward';
import { migrate } from './migrations/migrate';
import { openPostgres } from './open-postgres';
import { HISTORY_STORE_METHODS, LATEST_REPORT_STORE_METHODS } from './store-methods';
import { WorkerClient } from './worker-client';

/** Every store of the dashboard over one database. */
export interface Stores {
  engine: StorageEngine;
  history: HistoryStore;
  latest: LatestReportStore;
  close(): Promise<void>;
}

/** The one place that picks the engine: PostgreSQL when a URL is configured, else the SQLite file. */
export function openStores(config: StorageConfig, log: Log): Stores {
  return config.url ? postgresStores(config.url) : sqliteStores(config.path, log);
}

/** SQLite runs in a worker thread (sqlite-worker.js, bundled beside main.js). */
function sqliteStores(path: string, log: Log): Stores {
  const client = new WorkerClient(join(__dirname, 'sqlite-worker.js'), { path: resolve(path) }, log);
  return {
    engine: 'sqlite',
    history: forward<HistoryStore>(HISTORY_STORE_METHODS, (method, args) => client.call('history', method, args)),
    latest: forward<LatestReportStore>(LATEST_REPORT_STORE_METHODS, (method, args) => client.call('latest', method, args)),
    close: () => client.close(),
  };
}

/** PostgreSQL is asynchronous already. The schema is brought up to date on first use, and tried again after a failure (a server still starting). */
function postgresStores(url: string): Stores {
  const db: Kysely<Database> = openPostgres(url);
  let migrated: Promise<unknown> | undefined;
  const ready = () =>
    (migrated ??= migrate(db, 'postgres').catch((err: unknown) => {
      migrated = undefined;
      throw err;
    }));
  const history = new KyselyHistoryStore(db, 'postgres');
  const latest = new KyselyLatestReportStore(db);
  return {
    engine: 'postgres',
    history: forward<HistoryStore>(HISTORY_STORE_METHODS, async (method, args) => (await ready(), invoke(history, method, args))),
    latest: forward<LatestReportStore>(LATEST_REPORT_STORE_METHODS, async (method, args) => (await ready(), invoke(latest, method, args))),
    close: () => db.destroy(),
  };
}
