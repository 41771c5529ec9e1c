import { Module } from '@nestjs/common';
import { SERVER_CATALOG, type ServerCatalog } from '../catalog';
import { DASHBOARD_CONFIG, type DashboardSettings } from '../platform/config/dashboard-config';
import { ServerHistoryController } from './adapters/inbound/http/server-history.controller';
import { UPTIME_MAX_AGE_MS, UptimeController } from './adapters/inbound/http/uptime.controller';
import { EventsQuery } from './application/events-query';
import { HistoryQuery } from './application/history-query';
import { HISTORY_STORE, type HistoryStore } from './application/ports/history-store.port';
import { UptimeOverview } from './application/uptime-overview';

const clock = { now: () => Date.now() };

/**
 * History's REST API: the queries over the HistoryStore and their controllers.
 * Not yet imported by AppModule: it needs the HISTORY_STORE the storage wiring provides.
 */
@Module({
  controllers: [ServerHistoryController, UptimeController],
  providers: [
    {
      provide: HistoryQuery,
      useFactory: (store: HistoryStore, catalog: ServerCatalog, config: DashboardSettings) =>
        new HistoryQuery(store, catalog, config.history.retention, clock),
      inject: [HISTORY_STORE, SERVER_CATALOG, DASHBOARD_CONFIG],
    },
    {
      provide: EventsQuery,
      useFactory: (store: HistoryStore, catalog: ServerCatalog) => new EventsQuery(store, catalog, clock),
      inject: [HISTORY_STORE, SERVER_CATALOG],
    },
    {
      provide: UptimeOverview,
      useFactory: (store: HistoryStore, catalog: ServerCatalog) => new UptimeOverview(store, catalog, clock, UPTIME_MAX_AGE_MS),
      inject: [HISTORY_STORE, SERVER_CATALOG],
    },
  ],
})
export class HistoryModule {}
