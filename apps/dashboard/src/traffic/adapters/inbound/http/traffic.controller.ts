import { Controller, Get, Param, Query, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import {
  ApiBadRequestResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { BoardAccess, seesHidden } from '../../../../accounts';
import { HiddenServers } from '../../../../catalog';
import { API_PATHS, type TrafficByServer, type TrafficResponse } from '@sss/contracts';
import { ApiErrorDto } from '../../../../platform/http/api-error.dto';
import { ServerIdParams, unknownServer } from '../../../../platform/http/server-id.params';
import { TrafficQuery } from '../../../application/traffic-query';
import { TrafficResponseDto, TrafficSummaryDto } from './traffic-api.dto';
import { TrafficParams } from './traffic.params';

/** Traffic per billing period: one server's last periods, and every server's current one for the board. */
@ApiTags('traffic')
@ApiExtraModels(TrafficSummaryDto)
// A private board (board.public: false) shows nothing without a login.
@UseGuards(BoardAccess)
@Controller()
export class TrafficController {
  constructor(
    private readonly query: TrafficQuery,
    private readonly hidden: HiddenServers,
  ) {}

  @Get(API_PATHS.traffic)
  @ApiOperation({
    summary: "One server's traffic per billing period (UTC), the current period first, with its quota and the share used.",
    description:
      "Counted from the reports' network counters, across reboots and dashboard restarts. Periods follow `servers[].traffic.resetDay`.",
  })
  @ApiOkResponse({ type: TrafficResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'An invalid id or parameter; `details` says which.' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such server.' })
  async traffic(@Param() { id }: ServerIdParams, @Query() { periods }: TrafficParams): Promise<TrafficResponse> {
    const answer = await this.query.traffic(id, periods ?? 1);
    if (!answer) throw unknownServer(id);
    return answer;
  }

  @Get(API_PATHS.trafficOverview)
  @ApiOperation({ summary: "Every configured server's current billing period: the board's traffic figure per card." })
  @ApiOkResponse({ schema: { type: 'object', additionalProperties: { $ref: getSchemaPath(TrafficSummaryDto) } } })
  overview(@Req() req: Request): TrafficByServer {
    return this.hidden.filterRecord(this.query.overview(), seesHidden(req));
  }
}
