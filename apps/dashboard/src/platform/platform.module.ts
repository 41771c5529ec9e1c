import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import type { Log } from '@sss/log';
import { DASHBOARD_CONFIG, type DashboardSettings } from './config/dashboard-config';
import { HealthController } from './health/health.controller';
import { Readiness } from './health/readiness';
import { ClientAddress } from './http/client-address';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { ApiValidationPipe } from './http/api-validation.pipe';
import { LOG } from './logging/log.token';

/**
 * What every capability uses: the settings, the log, the health and readiness
 * probes, the client address of a request (behind trusted proxies too), and the REST API's parameter validation and error shape.
 */
@Module({})
export class PlatformModule {
  static register(settings: DashboardSettings, log: Log): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      controllers: [HealthController],
      providers: [
        { provide: DASHBOARD_CONFIG, useValue: settings },
        { provide: LOG, useValue: log },
        Readiness,
        { provide: ClientAddress, useValue: new ClientAddress(settings.trustProxy) },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_PIPE, useValue: new ApiValidationPipe() },
      ],
      exports: [DASHBOARD_CONFIG, LOG, Readiness, ClientAddress],
    };
  }
}
