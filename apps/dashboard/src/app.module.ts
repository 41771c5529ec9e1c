import { DynamicModule, Module } from '@nestjs/common';
import type { Log } from '@sss/log';
import { AccountsModule } from './accounts';
import { BusModule } from './bus';
import { CatalogModule } from './catalog';
import { EnrollmentModule } from './enrollment';
import { FleetModule } from './fleet';
import type { DashboardConfig } from './platform/config/dashboard-config';
import { HistoryModule } from './history';
import { MetricsModule } from './metrics';
import { PlatformModule } from './platform/platform.module';
import { StatsModule } from './platform/stats/stats.module';
import { StorageModule } from './platform/storage/storage.module';
import { TrafficModule } from './traffic';

/** The dashboard: the platform and one module per capability. */
@Module({})
export class AppModule {
  static register(config: DashboardConfig, log: Log): DynamicModule {
    // The server list (with its secrets) goes to the catalog alone, the metrics token to the metrics module alone,
    // the enrollment keys to the enrollment module alone, the OpenID Connect client secret to accounts alone,
    // the bus URL (it may hold a password) to the bus alone, not to every holder of the settings.
    const { servers, metrics, enrollment, oidc, bus, ...settings } = config;
    // One history module, imported here and by the stats module that reads its status.
    const history = HistoryModule.register(settings.history.enabled);
    return {
      module: AppModule,
      imports: [
        PlatformModule.register(settings, log),
        StorageModule.register(settings.storage, log),
        BusModule.register(bus),
        CatalogModule.register(servers),
        EnrollmentModule.register(enrollment, settings.limits.agentConnections),
        AccountsModule.register(settings, oidc),
        FleetModule,
        history,
        TrafficModule,
        StatsModule.register(history),
        MetricsModule.register(metrics, history, log),
      ],
    };
  }
}
