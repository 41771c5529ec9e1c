import { DynamicModule, Module } from '@nestjs/common';
import type { Log } from '@sss/log';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { FleetModule } from '../fleet';
import { TrafficModule } from '../traffic';
import type { MetricsConfig } from '../platform/config/dashboard-config';
import { METRICS_PATH, MetricsController } from './adapters/inbound/http/metrics.controller';
import { MetricsRegistration } from './adapters/inbound/scrape/metrics-registration';
import { METRICS_CONFIG } from './metrics-config.token';

/** Holds the metrics settings for the controller's guard. */
@Module({})
class MetricsSettingsModule {}

/**
 * Prometheus exposition at /metrics: the dashboard's own figures, Node's
 * process metrics (event-loop lag among them) and the fleet's latest reports.
 * `metrics.mode` off registers nothing; token mode needs a bearer token.
 */
@Module({})
export class MetricsModule {
  /** `history`: the HistoryModule as AppModule registered it (the one that exports HISTORY_STATUS). */
  static register(config: MetricsConfig, history: DynamicModule, log: Log): DynamicModule {
    if (config.mode === 'off') return { module: MetricsModule };
    if (config.mode === 'token' && config.token === undefined) {
      log.warn(
        `metrics.mode is token but no metrics token is set: ${METRICS_PATH} takes API tokens only (or set metrics.token or SSS_METRICS_TOKEN)`,
      );
    }
    // PrometheusModule hosts the controller: the guard is built in its scope, so the settings are imported into it.
    const settings: DynamicModule = {
      module: MetricsSettingsModule,
      providers: [{ provide: METRICS_CONFIG, useValue: config }],
      exports: [METRICS_CONFIG],
    };
    return {
      module: MetricsModule,
      imports: [
        PrometheusModule.registerAsync({
          imports: [settings],
          controller: MetricsController,
          useFactory: () => ({ defaultMetrics: { enabled: true } }),
        }),
        FleetModule,
        TrafficModule,
        history,
        settings,
      ],
      providers: [MetricsRegistration],
    };
  }
}
