import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { BoardAccess } from '../../../../accounts';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API_PATHS, HISTORY_METRICS, type EventsResponse, type HistoryResponse } from '@sss/contracts';
import { ApiErrorDto } from '../../../../platform/http/api-error.dto';
import { ServerIdParams, unknownServer } from '../../../../platform/http/server-id.params';
import { EventsQuery } from '../../../application/events-query';
import { HistoryQuery } from '../../../application/history-query';
import { DEFAULT_EVENTS_LIMIT, EventsParams } from './events.params';
import { EventsResponseDto, HistoryResponseDto } from './history-api.dto';
import { historyRange, HistoryParams } from './history.params';

/** One server's history: chart data and online/offline transitions. */
@ApiTags('history')
@ApiBadRequestResponse({ type: ApiErrorDto, description: 'An invalid id or parameter; `details` says which.' })
@ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such server.' })
// A private board (board.public: false) shows nothing without a login.
@UseGuards(BoardAccess)
@Controller()
export class ServerHistoryController {
  constructor(
    private readonly historyQuery: HistoryQuery,
    private readonly eventsQuery: EventsQuery,
  ) {}

  @Get(API_PATHS.history)
  @ApiOperation({
    summary: 'Chart data of one server: average and maximum per step for every channel of the asked metrics.',
    description:
      'Read from the tier that covers the range, at most 1,000 points per series; values aligned with `timestamps`, null in gaps.',
  })
  @ApiOkResponse({ type: HistoryResponseDto })
  async history(@Param() { id }: ServerIdParams, @Query() params: HistoryParams): Promise<HistoryResponse> {
    const range = historyRange(params, Date.now());
    const answer = await this.historyQuery.history(id, { ...range, metrics: params.metrics ?? HISTORY_METRICS, step: params.step });
    if (!answer) throw unknownServer(id);
    return answer;
  }

  @Get(API_PATHS.events)
  @ApiOperation({ summary: "One server's online/offline transitions, newest first and paged, with its uptime over 24 h, 7 d and 30 d." })
  @ApiOkResponse({ type: EventsResponseDto })
  async events(@Param() { id }: ServerIdParams, @Query() { before, limit }: EventsParams): Promise<EventsResponse> {
    const answer = await this.eventsQuery.events(id, before, limit ?? DEFAULT_EVENTS_LIMIT);
    if (!answer) throw unknownServer(id);
    return answer;
  }
}
