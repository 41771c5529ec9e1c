import { Controller, Get, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { BoardAccess, seesHidden } from '../../../../accounts';
import { HiddenServers, LiveCatalog } from '../../../../catalog';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API_PATHS, type CatalogServer, type GroupOrder } from '@sss/contracts';
import { CatalogQuery } from '../../../application/catalog-query';
import { CatalogServerDto, GroupOrderDto } from './fleet-api.dto';

/** `GET /api/catalog`: the servers the dashboard accepts reports from; `/api/catalog/groups`: the board's order of groups. */
@ApiTags('servers')
// A private board (board.public: false) shows nothing without a login.
@UseGuards(BoardAccess)
@Controller()
export class CatalogController {
  constructor(
    private readonly query: CatalogQuery,
    private readonly hidden: HiddenServers,
    private readonly catalog: LiveCatalog,
  ) {}

  @Get(API_PATHS.catalog)
  @ApiOperation({ summary: 'Every configured server, reported or not, with when it last reported. No secrets.' })
  @ApiOkResponse({ type: [CatalogServerDto] })
  list(@Req() req: Request): CatalogServer[] {
    return this.hidden.filter(this.query.list(), (s) => s.serverId, seesHidden(req));
  }

  @Get(API_PATHS.groupOrder)
  @ApiOperation({
    summary: "The board's order of groups, set in the console: groups not listed follow by name, then the servers of each by weight.",
  })
  @ApiOkResponse({ type: GroupOrderDto })
  groups(@Req() req: Request): GroupOrder {
    return { groups: this.hidden.filterGroups(this.catalog.groupOrder(), seesHidden(req)) };
  }
}
