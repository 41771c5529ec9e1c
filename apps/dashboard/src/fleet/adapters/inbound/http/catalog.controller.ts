import { Controller, Get, UseGuards } from '@nestjs/common';
import { BoardAccess } from '../../../../accounts';
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
  constructor(private readonly query: CatalogQuery) {}

  @Get(API_PATHS.catalog)
  @ApiOperation({ summary: 'Every configured server, reported or not, with when it last reported. No secrets.' })
  @ApiOkResponse({ type: [CatalogServerDto] })
  list(): CatalogServer[] {
    return this.query.list();
  }
}
