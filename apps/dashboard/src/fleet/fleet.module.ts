import { Module } from '@nestjs/common';
import type { Log } from '@sss/log';
import { EVENT_BUS, Lease, type EventBus } from '../bus';
import { LiveCatalog, SERVER_CATALOG, type ServerCatalog } from '../catalog';
import { AgentEnrollment } from '../enrollment';
import { DASHBOARD_CONFIG, type DashboardSettings } from '../platform/config/dashboard-config';
import { LOG } from '../platform/logging/log.token';
import { CatalogController } from './adapters/inbound/http/catalog.controller';
import { ConnectionsController } from './adapters/inbound/http/connections.controller';
import { ServerDetailController } from './adapters/inbound/http/server-detail.controller';
import { ServersController } from './adapters/inbound/http/servers.controller';
import { IdleSweepTimer } from './adapters/inbound/timers/idle-sweep.timer';
import { OfflineSweepTimer } from './adapters/inbound/timers/offline-sweep.timer';
import { FrontendGateway } from './adapters/inbound/ws/frontend.gateway';
import { ReportGateway } from './adapters/inbound/ws/report.gateway';
import { ByteReportCache } from './adapters/outbound/memory/byte-report.cache';
import { AgentAdmission } from './application/agent-admission';
import { AgentSessions } from './application/agent-sessions';
import { CatalogQuery } from './application/catalog-query';
import { FleetFeed } from './application/fleet-feed';
import { FleetReadings } from './application/fleet-readings';
import type { FleetRegistry } from './application/fleet-state';
import { FleetStats } from './application/fleet-stats';
import { OfflineSweep } from './application/offline-sweep';
import { REPORT_CACHE, type ReportCache } from './application/ports/report-cache.port';
import { ReportIntake } from './application/report-intake';
import { ServerDetailQuery } from './application/server-detail-query';
import { FleetEvents } from './application/fleet-events';
import { LatestReports } from './application/latest-reports';
import { LATEST_REPORT_STORE, type LatestReportStore } from './application/ports/latest-report-store.port';
import { LatestReportsTimer } from './adapters/inbound/timers/latest-reports.timer';
import { FleetRemovalListener } from './adapters/inbound/events/fleet-removal.listener';
import { ReplicaEventsListener } from './adapters/inbound/events/replica-events.listener';
import { ReplicaSync } from './application/replica-sync';
import { systemClock } from './domain/clock';
import { ServerRegistry } from './domain/server-registry';

/**
 * The live fleet: agents report over /ws-report, the registry keeps the latest
 * state per server, frontends get every change over /ws-frontend and the
 * snapshot at /api/servers; the latest reports survive a restart; other replicas' fleets arrive over the
 * event bus and this one's go out on it. The application classes are plain TypeScript,
 * built here from the ports they need.
 */
@Module({
  controllers: [ServersController, ServerDetailController, CatalogController, ConnectionsController],
  providers: [
    { provide: REPORT_CACHE, useClass: ByteReportCache },
    {
      provide: ServerRegistry,
      useFactory: (config: DashboardSettings) => new ServerRegistry(config.offlineAfterSeconds * 1000, systemClock),
      inject: [DASHBOARD_CONFIG],
    },
    {
      provide: ReportIntake,
      useFactory: (registry: FleetRegistry, cache: ReportCache) => new ReportIntake(registry, cache),
      inject: [ServerRegistry, REPORT_CACHE],
    },
    { provide: FleetStats, useFactory: () => new FleetStats(systemClock) },
    {
      provide: AgentAdmission,
      useFactory: (config: DashboardSettings, stats: FleetStats, log: Log) => new AgentAdmission(config.limits, systemClock, stats, log),
      inject: [DASHBOARD_CONFIG, FleetStats, LOG],
    },
    {
      provide: AgentSessions,
      useFactory: (
        catalog: ServerCatalog,
        intake: ReportIntake,
        registry: FleetRegistry,
        config: DashboardSettings,
        log: Log,
        stats: FleetStats,
        admission: AgentAdmission,
        enrollment: AgentEnrollment,
      ) =>
        new AgentSessions(
          catalog,
          intake,
          registry,
          systemClock,
          config.idleTimeoutSeconds * 1000,
          log,
          stats,
          admission,
          config.limits.reportsPerSecond,
          enrollment,
        ),
      inject: [SERVER_CATALOG, ReportIntake, ServerRegistry, DASHBOARD_CONFIG, LOG, FleetStats, AgentAdmission, AgentEnrollment],
    },
    {
      provide: FleetFeed,
      useFactory: (registry: FleetRegistry, cache: ReportCache) => new FleetFeed(registry, cache),
      inject: [ServerRegistry, REPORT_CACHE],
    },
    {
      provide: ServerDetailQuery,
      useFactory: (catalog: ServerCatalog, registry: FleetRegistry, feed: FleetFeed) => new ServerDetailQuery(catalog, registry, feed),
      inject: [SERVER_CATALOG, ServerRegistry, FleetFeed],
    },
    {
      provide: CatalogQuery,
      useFactory: (catalog: ServerCatalog, registry: FleetRegistry) => new CatalogQuery(catalog, registry),
      inject: [SERVER_CATALOG, ServerRegistry],
    },
    { provide: OfflineSweep, useFactory: (registry: FleetRegistry) => new OfflineSweep(registry), inject: [ServerRegistry] },
    {
      provide: FleetEvents,
      useFactory: (intake: ReportIntake, registry: FleetRegistry, lease: Lease, bus: EventBus, sessions: AgentSessions) =>
        new FleetEvents(intake, registry, lease, bus, sessions),
      inject: [ReportIntake, ServerRegistry, Lease, EVENT_BUS, AgentSessions],
    },
    {
      provide: ReplicaSync,
      useFactory: (registry: FleetRegistry, cache: ReportCache, intake: ReportIntake, bus: EventBus, catalog: LiveCatalog, log: Log) =>
        new ReplicaSync(registry, cache, intake, bus, catalog, log),
      inject: [ServerRegistry, REPORT_CACHE, ReportIntake, EVENT_BUS, LiveCatalog, LOG],
    },
    {
      provide: LatestReports,
      useFactory: (registry: FleetRegistry, cache: ReportCache, store: LatestReportStore, log: Log) =>
        new LatestReports(registry, cache, store, log),
      inject: [ServerRegistry, REPORT_CACHE, LATEST_REPORT_STORE, LOG],
    },
    {
      provide: FleetReadings,
      useFactory: (registry: FleetRegistry, cache: ReportCache, config: DashboardSettings) =>
        new FleetReadings(registry, cache, config.offlineAfterSeconds * 1000, systemClock),
      inject: [ServerRegistry, REPORT_CACHE, DASHBOARD_CONFIG],
    },
    LatestReportsTimer,
    FleetRemovalListener,
    ReplicaEventsListener,
    OfflineSweepTimer,
    IdleSweepTimer,
    ReportGateway,
    FrontendGateway,
  ],
  // FleetEvents for history; AgentSessions and FleetStats for /api/stats (platform/stats) and /metrics; FleetReadings for /metrics;
  // AgentAdmission for the /ws-report upgrade check (platform bootstrap).
  exports: [FleetEvents, AgentSessions, FleetStats, FleetReadings, AgentAdmission],
})
export class FleetModule {}
