import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { BoardAccess } from '../../../../accounts';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API_PATHS, type ServerDetailResponse } from '@sss/contracts';
import { ApiErrorDto } from '../../../../platform/http/api-error.dto';
import { ServerIdParams, unknownServer } from '../../../../platform/http/server-id.params';
import { ServerDetailQuery } from '../../../application/server-detail-query';
import { ServerDetailDto } from './fleet-api.dto';

/** `GET /api/servers/:id`: one server's live state. */
@ApiTags('servers')
// A private board (board.public: false) shows nothing without a login.
@UseGuards(BoardAccess)
@Controller()
export class ServerDetailController {
  constructor(private readonly query: ServerDetailQuery) {}

  @Get(API_PATHS.server)
  @ApiOperation({ summary: "One server's latest report, online state and lastSeen; configured servers that never reported included." })
  @ApiOkResponse({ type: ServerDetailDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'The id is not a valid server id.' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such server.' })
  detail(@Param() { id }: ServerIdParams): ServerDetailResponse {
    const detail = this.query.detail(id);
    if (!detail) throw unknownServer(id);
    return detail;
  }
}
