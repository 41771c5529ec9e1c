import { Controller, Get, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { BoardAccess, seesHidden } from '../../../../accounts';
import { HiddenServers } from '../../../../catalog';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API_PATHS, type CatalogServer } from '@sss/contracts';
import { CatalogQuery } from '../../../application/catalog-query';
import { CatalogServerDto } from './fleet-api.dto';

/** `GET /api/catalog`: the servers the dashboard accepts reports from. */
@ApiTags('servers')
// A private board (board.public: false) shows nothing without a login.
@UseGuards(BoardAccess)
@Controller()
export class CatalogController {
  constructor(
    private readonly query: CatalogQuery,
    private readonly hidden: HiddenServers,
  ) {}

  @Get(API_PATHS.catalog)
  @ApiOperation({ summary: 'Every configured server, reported or not, with when it last reported. No secrets.' })
  @ApiOkResponse({ type: [CatalogServerDto] })
  list(@Req() req: Request): CatalogServer[] {
    return this.hidden.filter(this.query.list(), (s) => s.serverId, seesHidden(req));
  }
}
