import { DynamicModule, Module } from '@nestjs/common';
import type { Log } from '@sss/log';
import { FrontendGateway } from './adapters/inbound/frontend.gateway';
import { HealthController } from './adapters/inbound/health.controller';
import { OfflineSweepTimer } from './adapters/inbound/offline-sweep.timer';
import { ReportGateway } from './adapters/inbound/report.gateway';
import { ServersController } from './adapters/inbound/servers.controller';
import { ConfigServerCatalog } from './adapters/outbound/config-server-catalog';
import { SERVER_CATALOG } from './application/ports/server-catalog.port';
import { ReportIntake } from './application/report-intake';
import { DASHBOARD_CONFIG, type DashboardConfig, type DashboardSettings } from './config/dashboard-config';
import { systemClock } from './domain/clock';
import { ServerRegistry } from './domain/server-registry';
import { LOG } from './logging/log.token';
import { Readiness } from './readiness';

/** The wiring: the one place that picks adapters and builds the domain from config. */
@Module({})
export class AppModule {
  static register(config: DashboardConfig, log: Log): DynamicModule {
    // The server list (with its secrets) is kept by the catalog alone, not by every holder of the settings.
    const { servers, ...settings } = config;
    return {
      module: AppModule,
      controllers: [HealthController, ServersController],
      providers: [
        { provide: DASHBOARD_CONFIG, useValue: settings satisfies DashboardSettings },
        { provide: LOG, useValue: log },
        { provide: SERVER_CATALOG, useValue: new ConfigServerCatalog(servers) },
        { provide: ServerRegistry, useValue: new ServerRegistry(config.offlineAfterSeconds * 1000, systemClock) },
        { provide: ReportIntake, useFactory: (registry: ServerRegistry) => new ReportIntake(registry), inject: [ServerRegistry] },
        Readiness,
        OfflineSweepTimer,
        ReportGateway,
        FrontendGateway,
      ],
    };
  }
}
