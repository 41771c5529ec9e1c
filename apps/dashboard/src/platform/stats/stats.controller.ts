import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API_PATHS, type StatsResponse } from '@sss/contracts';
import { EVENT_BUS, Lease, REPLICA_ID, type EventBus } from '../../bus';
import { EnrollmentStats } from '../../enrollment';
import { AgentSessions, FleetStats } from '../../fleet';
import { HISTORY_STATUS, type HistoryStatus } from '../../history';
import { StatsResponseDto } from './stats.dto';

/** `GET /api/stats`: the dashboard's own figures, from the fleet's counters and history's status. */
@ApiTags('stats')
@Controller()
export class StatsController {
  constructor(
    private readonly sessions: AgentSessions,
    private readonly fleet: FleetStats,
    @Inject(HISTORY_STATUS) private readonly history: HistoryStatus,
    private readonly enrollment: EnrollmentStats,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(REPLICA_ID) private readonly replica: string,
    private readonly lease: Lease,
  ) {}

  @Get(API_PATHS.stats)
  @ApiOperation({
    summary:
      'Agents and consoles connected, reports per second, refused connections and frames by reason, the storage, enrollment, and the bus between replicas.',
  })
  @ApiOkResponse({ type: StatsResponseDto })
  async stats(): Promise<StatsResponse> {
    const { frontends, reportsPerSecond, rejects } = this.fleet.snapshot();
    const { engine, usage, writeErrors, dropped, pending } = await this.history.snapshot();
    return {
      agents: this.sessions.connected,
      frontends,
      reportsPerSecond,
      rejects,
      storage: { engine, bytes: usage?.bytes ?? null, tiers: usage?.tiers ?? [], writeErrors, dropped, pending },
      enrollment: this.enrollment.snapshot(),
      bus: { ...this.bus.stats(), replica: this.replica, leaseHeld: this.lease.held },
    };
  }
}
