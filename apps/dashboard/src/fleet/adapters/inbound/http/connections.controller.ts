import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ADMIN_CONNECTIONS_PATH, type ConnectionsResponse } from '@sss/contracts';
import { RequireRole, SessionGuard } from '../../../../accounts';
import { ApiErrorDto } from '../../../../platform/http/api-error.dto';
import { AgentSessions } from '../../../application/agent-sessions';
import { FleetStats } from '../../../application/fleet-stats';
import { ConnectionsDto } from './connections.dto';

/** `GET /api/admin/connections`: the live connections, for the admin console. */
@ApiTags('admin')
@Controller()
@UseGuards(SessionGuard)
@RequireRole('admin')
export class ConnectionsController {
  constructor(
    private readonly sessions: AgentSessions,
    private readonly stats: FleetStats,
  ) {}

  @Get(ADMIN_CONNECTIONS_PATH)
  @ApiOperation({ summary: "Each connected agent (address, since, reports, version, last refused frame's reason) and the frontend count." })
  @ApiOkResponse({ type: ConnectionsDto })
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Not signed in.' })
  @ApiForbiddenResponse({ type: ApiErrorDto, description: 'Not an admin.' })
  list(): ConnectionsResponse {
    return { agents: this.sessions.connections(), frontends: this.stats.snapshot().frontends };
  }
}
