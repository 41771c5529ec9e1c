import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DASHBOARD_CONFIG, type DashboardSettings } from '../../config/dashboard-config';
import { ServerRegistry } from '../../domain/server-registry';

/** Drives the registry's offline check: a timer is an inbound trigger like any other. */
@Injectable()
export class OfflineSweepTimer implements OnModuleInit, OnModuleDestroy {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly registry: ServerRegistry,
    @Inject(DASHBOARD_CONFIG) private readonly config: DashboardSettings,
  ) {}

  onModuleInit(): void {
    // A few checks per threshold keeps the offline message within ~25 % of the configured time.
    const every = Math.max(100, Math.min((this.config.offlineAfterSeconds * 1000) / 4, 1_000));
    this.timer = setInterval(() => this.registry.sweep(), every);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }
}
