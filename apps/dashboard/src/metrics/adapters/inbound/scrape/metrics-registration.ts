import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { VERSION } from '@sss/config';
import { register } from 'prom-client';
import type { Subscription } from 'rxjs';
import { HiddenServers } from '../../../../catalog';
import { EVENT_BUS, Lease, type EventBus } from '../../../../bus';
import { EnrollmentStats } from '../../../../enrollment';
import { registerBusMetrics } from './bus.collectors';
import { AgentSessions, FleetReadings, FleetStats } from '../../../../fleet';
import { HISTORY_STATUS, type HistoryStatus } from '../../../../history';
import { registerDashboardMetrics } from './dashboard.collectors';
import { registerEnrollmentMetrics } from './enrollment.collectors';
import type { MetricsConfig } from '../../../../platform/config/dashboard-config';
import { METRICS_CONFIG } from '../../../metrics-config.token';
import { TrafficQuery } from '../../../../traffic';
import { registerFleetMetrics } from './fleet.collectors';
import { registerTrafficMetrics } from './traffic.collectors';

/**
 * Puts the dashboard's and the fleet's metrics in prom-client's registry (the
 * one PrometheusModule serves, beside Node's process metrics) for the
 * module's lifetime.
 */
@Injectable()
export class MetricsRegistration implements OnModuleInit, OnModuleDestroy {
  private subscription?: Subscription;

  constructor(
    private readonly sessions: AgentSessions,
    private readonly stats: FleetStats,
    private readonly readings: FleetReadings,
    @Inject(HISTORY_STATUS) private readonly history: HistoryStatus,
    private readonly hidden: HiddenServers,
    @Inject(METRICS_CONFIG) private readonly config: MetricsConfig,
    private readonly traffic: TrafficQuery,
    private readonly enrollment: EnrollmentStats,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly lease: Lease,
  ) {}

  onModuleInit(): void {
    const { sessions, stats, history } = this;
    this.subscription = registerDashboardMetrics({ sessions, stats, history, version: VERSION }, register);
    // Public metrics are seen by anyone: hidden servers only with a token.
    const includes = this.config.mode === 'public' ? (id: string) => !this.hidden.isHidden(id) : () => true;
    registerFleetMetrics(this.readings, register, includes);
    registerTrafficMetrics(this.readings, this.traffic, register, includes);
    registerEnrollmentMetrics(this.enrollment, register);
    registerBusMetrics(this.bus, this.lease, register);
  }

  /** Empties the process-wide registry, so a dashboard built again in the same process (a test) registers afresh. */
  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    register.clear();
  }
}
