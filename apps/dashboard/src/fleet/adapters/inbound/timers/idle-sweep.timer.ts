import { Inject, Injectable } from '@nestjs/common';
import { DASHBOARD_CONFIG, type DashboardSettings } from '../../../../platform/config/dashboard-config';
import { AgentSessions } from '../../../application/agent-sessions';
import { checkPeriod, IntervalTimer } from './interval.timer';

/** Drives the agents' idle check: one timer for every connection, not one per socket. */
@Injectable()
export class IdleSweepTimer extends IntervalTimer {
  protected readonly everyMs: number;
  protected override readonly skipsLateTurns = true;

  constructor(
    private readonly sessions: AgentSessions,
    @Inject(DASHBOARD_CONFIG) config: DashboardSettings,
  ) {
    super();
    this.everyMs = checkPeriod(config.idleTimeoutSeconds * 1000, 5_000);
  }

  protected tick(): void {
    this.sessions.closeIdle();
  }
}
