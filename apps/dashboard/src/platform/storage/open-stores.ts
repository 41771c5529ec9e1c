import type { Log } from '@sss/log';
import { join, resolve } from 'node:path';
import type { LeaseStore } from '../../bus/application/ports/lease-store.port';
import type { AccountStore } from '../../accounts/application/ports/account-store.port';
import type { AuditStore } from '../../accounts/application/ports/audit-store.port';
import type { CatalogStore } from '../../catalog/application/ports/catalog-store.port';
import type { EnrollmentKeyStore } from '../../enrollment/application/ports/enrollment-key-store.port';
import type { LatestReportStore } from '../../fleet/application/ports/latest-report-store.port';
import type { HistoryStore } from '../../history/application/ports/history-store.port';
import type { TrafficStore } from '../../traffic/application/ports/traffic-store.port';
import type { StorageConfig } from '../config/dashboard-config';
import type { StorageEngine } from './database';
import { forward } from './forward';
import {
  ACCOUNT_STORE_METHODS,
  AUDIT_STORE_METHODS,
  CATALOG_STORE_METHODS,
  ENROLLMENT_KEY_STORE_METHODS,
  HISTORY_STORE_METHODS,
  LEASE_STORE_METHODS,
  LATEST_REPORT_STORE_METHODS,
  TRAFFIC_STORE_METHODS,
} from './store-methods';
import type { StorageWorkerData } from './storage-worker';
import { WorkerClient } from './worker-client';

/** Every store of the dashboard over one database. */
export interface Stores {
  engine: StorageEngine;
  history: HistoryStore;
  latest: LatestReportStore;
  traffic: TrafficStore;
  accounts: AccountStore;
  audit: AuditStore;
  catalog: CatalogStore;
  enrollmentKeys: EnrollmentKeyStore;
  lease: LeaseStore;
  close(): Promise<void>;
}

/**
 * The one place that picks the engine: PostgreSQL when a URL is configured,
 * else the SQLite file. Either runs in a worker thread (storage-worker.js,
 * bundled beside main.js); the dashboard holds proxies of the same ports.
 */
export function openStores(config: StorageConfig, log: Log, workerFile = join(__dirname, 'storage-worker.js')): Stores {
  const data: StorageWorkerData = config.url
    ? { engine: 'postgres', location: config.url }
    : { engine: 'sqlite', location: resolve(config.path) };
  const client = new WorkerClient(workerFile, data, log);
  return {
    engine: data.engine,
    history: forward<HistoryStore>(HISTORY_STORE_METHODS, (method, args) => client.call('history', method, args)),
    latest: forward<LatestReportStore>(LATEST_REPORT_STORE_METHODS, (method, args) => client.call('latest', method, args)),
    traffic: forward<TrafficStore>(TRAFFIC_STORE_METHODS, (method, args) => client.call('traffic', method, args)),
    accounts: forward<AccountStore>(ACCOUNT_STORE_METHODS, (method, args) => client.call('accounts', method, args)),
    audit: forward<AuditStore>(AUDIT_STORE_METHODS, (method, args) => client.call('audit', method, args)),
    catalog: forward<CatalogStore>(CATALOG_STORE_METHODS, (method, args) => client.call('catalog', method, args)),
    enrollmentKeys: forward<EnrollmentKeyStore>(ENROLLMENT_KEY_STORE_METHODS, (method, args) =>
      client.call('enrollmentKeys', method, args),
    ),
    lease: forward<LeaseStore>(LEASE_STORE_METHODS, (method, args) => client.call('lease', method, args)),
    close: () => client.close(),
  };
}
