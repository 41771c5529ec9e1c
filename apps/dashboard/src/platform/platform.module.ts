import { DynamicModule, Module } from '@nestjs/common';
import type { Log } from '@sss/log';
import { DASHBOARD_CONFIG, type DashboardSettings } from './config/dashboard-config';
import { HealthController } from './health/health.controller';
import { Readiness } from './health/readiness';
import { LOG } from './logging/log.token';

/** What every capability uses: the settings, the log, and the health and readiness probes. */
@Module({})
export class PlatformModule {
  static register(settings: DashboardSettings, log: Log): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      controllers: [HealthController],
      providers: [{ provide: DASHBOARD_CONFIG, useValue: settings }, { provide: LOG, useValue: log }, Readiness],
      exports: [DASHBOARD_CONFIG, LOG, Readiness],
    };
  }
}
