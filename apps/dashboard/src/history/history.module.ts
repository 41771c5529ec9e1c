import { DynamicModule, Module } from '@nestjs/common';
import type { Log } from '@sss/log';
import { SERVER_CATALOG, type ServerCatalog } from '../catalog';
import { FleetModule } from '../fleet';
import { DASHBOARD_CONFIG, type DashboardSettings } from '../platform/config/dashboard-config';
import { LOG } from '../platform/logging/log.token';
import { STORES } from '../platform/storage/storage.module';
import type { Stores } from '../platform/storage/open-stores';
import { FleetEventsListener } from './adapters/inbound/events/fleet-events.listener';
import { HistoryRemovalListener } from './adapters/inbound/events/history-removal.listener';
import { ServerHistoryController } from './adapters/inbound/http/server-history.controller';
import { UPTIME_MAX_AGE_MS, UptimeController } from './adapters/inbound/http/uptime.controller';
import { HistoryTimer } from './adapters/inbound/timers/history.timer';
import { EventsQuery } from './application/events-query';
import { HistoryMaintenance } from './application/history-maintenance';
import { HistoryQuery } from './application/history-query';
import { HistoryRecorder } from './application/history-recorder';
import { HISTORY_STATUS } from './application/ports/history-status.port';
import { HISTORY_STORE, type HistoryStore } from './application/ports/history-store.port';
import { UptimeOverview } from './application/uptime-overview';

/** What the write buffer holds while the database is unavailable: 50 s of 10,000 servers at 5 s, as report texts. */
const MAX_PENDING = 100_000;

/**
 * History: every accepted report and online/offline change is recorded
 * (unless `history.enabled` is false), rolled up and kept within its
 * retention and size cap; the REST API reads it back.
 */
@Module({})
export class HistoryModule {
  static register(enabled: boolean): DynamicModule {
    return {
      module: HistoryModule,
      imports: [FleetModule],
      controllers: [ServerHistoryController, UptimeController],
      // Off: nothing is recorded; stored history stays readable and maintained.
      providers: enabled ? [...PROVIDERS, FleetEventsListener] : PROVIDERS,
      exports: [HISTORY_STATUS],
    };
  }
}

const PROVIDERS = [
  {
    provide: HistoryRecorder,
    useFactory: (store: HistoryStore, log: Log, config: DashboardSettings, stores: Stores) =>
      new HistoryRecorder(store, log, {
        engine: config.history.enabled ? stores.engine : 'off',
        maxPending: MAX_PENDING,
        now: Date.now,
      }),
    inject: [HISTORY_STORE, LOG, DASHBOARD_CONFIG, STORES],
  },
  { provide: HISTORY_STATUS, useExisting: HistoryRecorder },
  {
    provide: HistoryMaintenance,
    useFactory: (store: HistoryStore, config: DashboardSettings) =>
      new HistoryMaintenance(store, { retention: config.history.retention, maxBytes: config.history.maxBytes, now: Date.now }),
    inject: [HISTORY_STORE, DASHBOARD_CONFIG],
  },
  HistoryTimer,
  HistoryRemovalListener,
  {
    provide: HistoryQuery,
    useFactory: (store: HistoryStore, catalog: ServerCatalog, config: DashboardSettings) =>
      new HistoryQuery(store, catalog, config.history.retention, Date.now),
    inject: [HISTORY_STORE, SERVER_CATALOG, DASHBOARD_CONFIG],
  },
  {
    provide: EventsQuery,
    useFactory: (store: HistoryStore, catalog: ServerCatalog) => new EventsQuery(store, catalog, Date.now),
    inject: [HISTORY_STORE, SERVER_CATALOG],
  },
  {
    provide: UptimeOverview,
    useFactory: (store: HistoryStore, catalog: ServerCatalog) => new UptimeOverview(store, catalog, Date.now, UPTIME_MAX_AGE_MS),
    inject: [HISTORY_STORE, SERVER_CATALOG],
  },
];
