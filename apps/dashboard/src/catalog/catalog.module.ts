import { DynamicModule, Module } from '@nestjs/common';
import type { ServerEntryConfig } from '../platform/config/dashboard-config';
import { HiddenServers } from './adapters/inbound/http/hidden-servers';
import { CatalogRefreshTimer } from './adapters/inbound/timers/catalog-refresh.timer';
import { ConfigServerCatalog } from './adapters/outbound/config/config-server-catalog';
import { NodeSecretHasher } from './adapters/outbound/crypto/node-secret.hasher';
import { CatalogIndex } from './adapters/outbound/memory/catalog-index';
import { LiveCatalog } from './application/live-catalog';
import { CATALOG_STORE, type CatalogStore } from './application/ports/catalog-store.port';
import { SERVER_CATALOG } from './application/ports/server-catalog.port';
import { SERVER_REGISTRATION } from './application/ports/server-registration.port';

/**
 * Who may report: the config file's servers and the ones registered while
 * running. Global: every capability that admits agents or reads servers asks
 * it, and there is one per process.
 */
@Module({})
export class CatalogModule {
  /** The servers of the config file, with their secrets: only this module holds them. */
  static register(servers: readonly ServerEntryConfig[]): DynamicModule {
    return {
      module: CatalogModule,
      global: true,
      providers: [
        {
          provide: LiveCatalog,
          useFactory: (store: CatalogStore) =>
            new LiveCatalog(new ConfigServerCatalog(servers), new CatalogIndex(), store, new NodeSecretHasher(), Date.now),
          inject: [CATALOG_STORE],
        },
        { provide: SERVER_CATALOG, useExisting: LiveCatalog },
        { provide: SERVER_REGISTRATION, useExisting: LiveCatalog },
        CatalogRefreshTimer,
        HiddenServers,
      ],
      exports: [SERVER_CATALOG, SERVER_REGISTRATION, LiveCatalog, HiddenServers],
    };
  }
}
