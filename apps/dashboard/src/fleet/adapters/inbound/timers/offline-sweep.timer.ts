import { Inject, Injectable } from '@nestjs/common';
import { DASHBOARD_CONFIG, type DashboardSettings } from '../../../../platform/config/dashboard-config';
import { OfflineSweep } from '../../../application/offline-sweep';
import { checkPeriod, IntervalTimer } from './interval.timer';

/** Drives the offline check: a timer is an inbound trigger like any other. */
@Injectable()
export class OfflineSweepTimer extends IntervalTimer {
  protected readonly everyMs: number;
  protected override readonly skipsLateTurns = true;

  constructor(
    private readonly sweep: OfflineSweep,
    @Inject(DASHBOARD_CONFIG) config: DashboardSettings,
  ) {
    super();
    this.everyMs = checkPeriod(config.offlineAfterSeconds * 1000, 1_000);
  }

  protected tick(): void {
    this.sweep.run();
  }
}
