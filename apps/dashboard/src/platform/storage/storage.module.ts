import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { Log } from '@sss/log';
import { ACCOUNT_STORE } from '../../accounts/application/ports/account-store.port';
import { AUDIT_STORE } from '../../accounts/application/ports/audit-store.port';
import { CATALOG_STORE } from '../../catalog/application/ports/catalog-store.port';
import { ENROLLMENT_KEY_STORE } from '../../enrollment/application/ports/enrollment-key-store.port';
import { LATEST_REPORT_STORE } from '../../fleet/application/ports/latest-report-store.port';
import { HISTORY_STORE } from '../../history/application/ports/history-store.port';
import { TRAFFIC_STORE } from '../../traffic/application/ports/traffic-store.port';
import type { StorageConfig } from '../config/dashboard-config';
import { openStores, type Stores } from './open-stores';
import { StorageReadiness } from './storage-readiness';
import { STORES } from './stores.token';

export { STORES } from './stores.token';

/** Closes the database after every other module's shutdown hook has written its last batch. */
class StorageCloser implements OnApplicationShutdown {
  constructor(@Inject(STORES) private readonly stores: Stores) {}

  async onApplicationShutdown(): Promise<void> {
    await this.stores.close();
  }
}

/** The database and the stores over it, for every capability's ports; readiness waits for it to open. */
@Global()
@Module({})
export class StorageModule {
  static register(config: StorageConfig, log: Log): DynamicModule {
    return {
      module: StorageModule,
      providers: [
        { provide: STORES, useFactory: () => openStores(config, log) },
        { provide: HISTORY_STORE, useFactory: (stores: Stores) => stores.history, inject: [STORES] },
        { provide: LATEST_REPORT_STORE, useFactory: (stores: Stores) => stores.latest, inject: [STORES] },
        { provide: TRAFFIC_STORE, useFactory: (stores: Stores) => stores.traffic, inject: [STORES] },
        { provide: ACCOUNT_STORE, useFactory: (stores: Stores) => stores.accounts, inject: [STORES] },
        { provide: AUDIT_STORE, useFactory: (stores: Stores) => stores.audit, inject: [STORES] },
        { provide: CATALOG_STORE, useFactory: (stores: Stores) => stores.catalog, inject: [STORES] },
        { provide: ENROLLMENT_KEY_STORE, useFactory: (stores: Stores) => stores.enrollmentKeys, inject: [STORES] },
        StorageCloser,
        StorageReadiness,
      ],
      exports: [STORES, HISTORY_STORE, LATEST_REPORT_STORE, TRAFFIC_STORE, ACCOUNT_STORE, AUDIT_STORE, CATALOG_STORE, ENROLLMENT_KEY_STORE],
    };
  }
}
