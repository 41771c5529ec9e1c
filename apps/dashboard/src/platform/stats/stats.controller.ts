import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API_PATHS, type StatsResponse } from '@sss/contracts';
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
    @Optional() @Inject(HISTORY_STATUS) private readonly history?: HistoryStatus,
  ) {}

  @Get(API_PATHS.stats)
  @ApiOperation({
    summary: 'Agents and consoles connected, reports per second, refused connections and frames by reason, and the storage.',
  })
  @ApiOkResponse({ type: StatsResponseDto })
  async stats(): Promise<StatsResponse> {
    const { frontends, reportsPerSecond, rejects } = this.fleet.snapshot();
    const status = await this.history?.snapshot();
    return {
      agents: this.sessions.connected,
      frontends,
      reportsPerSecond,
      rejects,
      storage: {
        engine: status?.engine ?? 'off',
        bytes: status?.usage?.bytes ?? null,
        tiers: status?.usage?.tiers ?? [],
        writeErrors: status?.writeErrors ?? 0,
        dropped: status?.dropped ?? 0,
        pending: status?.pending ?? 0,
      },
    };
  }
}
