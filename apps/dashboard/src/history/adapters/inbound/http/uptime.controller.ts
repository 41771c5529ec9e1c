import { Controller, Get, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { BoardAccess, seesHidden } from '../../../../accounts';
import { HiddenServers } from '../../../../catalog';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API_PATHS, type UptimeByServer } from '@sss/contracts';
import { UptimeOverview } from '../../../application/uptime-overview';

/** How long one answer is shared by every board that asks. */
export const UPTIME_MAX_AGE_MS = 15_000;

/** `GET /api/uptime`: the board's uptime figure per card. */
@ApiTags('history')
// A private board (board.public: false) shows nothing without a login.
@UseGuards(BoardAccess)
@Controller()
export class UptimeController {
  constructor(
    private readonly overview: UptimeOverview,
    private readonly hidden: HiddenServers,
  ) {}

  @Get(API_PATHS.uptime)
  @ApiOperation({
    summary: `Every configured server's uptime over the last 24 hours, percent (null: nothing known). Computed at most every ${UPTIME_MAX_AGE_MS / 1000} s.`,
  })
  @ApiOkResponse({
    schema: {
      type: 'object',
      additionalProperties: { type: 'number', nullable: true, minimum: 0, maximum: 100 },
      example: { 'web-1': 99.93, 'db-1': null },
    },
  })
  async all(@Req() req: Request): Promise<UptimeByServer> {
    return this.hidden.filterRecord(await this.overview.all(), seesHidden(req));
  }
}
