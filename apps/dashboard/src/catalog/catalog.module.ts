import { DynamicModule, Module } from '@nestjs/common';
import type { ServerEntryConfig } from '../platform/config/dashboard-config';
import { ConfigServerCatalog } from './adapters/outbound/config/config-server-catalog';
import { InMemoryServerCatalog } from './adapters/outbound/memory/in-memory-server-catalog';
import { SERVER_CATALOG } from './application/ports/server-catalog.port';
import { SERVER_REGISTRATION } from './application/ports/server-registration.port';

/**
 * Who may report. Global: every capability that admits agents asks it (the
 * fleet today; enrollment and admin later), and there is one per process.
 */
@Module({})
export class CatalogModule {
  /** The servers of the config file, with their secrets: only this module holds them. */
  static register(servers: readonly ServerEntryConfig[]): DynamicModule {
    return {
      module: CatalogModule,
      global: true,
      providers: [
        { provide: SERVER_CATALOG, useValue: new InMemoryServerCatalog(new ConfigServerCatalog(servers)) },
        { provide: SERVER_REGISTRATION, useExisting: SERVER_CATALOG },
      ],
      exports: [SERVER_CATALOG, SERVER_REGISTRATION],
    };
  }
}
