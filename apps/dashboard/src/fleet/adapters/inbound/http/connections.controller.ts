import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ADMIN_CONNECTIONS_PATH, type ConnectionsResponse } from '@sss/contracts';
import { AgentSessions } from '../../../application/agent-sessions';
import { FleetStats } from '../../../application/fleet-stats';
import { ConnectionsDto } from './connections.dto';
import { AdminOnly } from '../../../../accounts';

/** `GET /api/admin/connections`: the live connections, for the admin console. */
@AdminOnly()
@Controller()
export class ConnectionsController {
  constructor(
    private readonly sessions: AgentSessions,
    private readonly stats: FleetStats,
  ) {}

  @Get(ADMIN_CONNECTIONS_PATH)
  @ApiOperation({ summary: "Each connected agent (address, since, reports, version, last refused frame's reason) and the frontend count." })
  @ApiOkResponse({ type: ConnectionsDto })
  list(): ConnectionsResponse {
    return { agents: this.sessions.connections(), frontends: this.stats.snapshot().frontends };
  }
}
