import { Module } from '@nestjs/common';
import { SERVER_CATALOG, type ServerCatalog } from '../catalog';
import { ServerHistoryController } from './adapters/inbound/http/server-history.controller';
import { UPTIME_MAX_AGE_MS, UptimeController } from './adapters/inbound/http/uptime.controller';
import { EventsQuery } from './application/events-query';
import { HistoryQuery } from './application/history-query';
import { HISTORY_STORE, type HistoryStore } from './application/ports/history-store.port';
import { UptimeOverview } from './application/uptime-overview';
import { DEFAULT_RETENTION } from './domain/tiers';

const clock = { now: () => Date.now() };

/** History: the recorder, roll-ups and retention (the lead's), and the REST API's queries over the HistoryStore. */
@Module({
  controllers: [ServerHistoryController, UptimeController],
  providers: [
    {
      provide: HistoryQuery,
      useFactory: (store: HistoryStore, catalog: ServerCatalog) => new HistoryQuery(store, catalog, DEFAULT_RETENTION, clock),
      inject: [HISTORY_STORE, SERVER_CATALOG],
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
