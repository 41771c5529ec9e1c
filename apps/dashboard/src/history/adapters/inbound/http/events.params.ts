import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IntegerParam } from '../../../../platform/http/integer-param';
import { TimeParam } from './time-param';

export const DEFAULT_EVENTS_LIMIT = 50;
export const MAX_EVENTS_LIMIT = 500;
const LIMIT = `limit must be a whole number from 1 to ${MAX_EVENTS_LIMIT}`;

/** The query of `GET /api/servers/:id/events`. */
export class EventsParams {
  @ApiPropertyOptional({
    type: String,
    description: "Only transitions before this time: Unix ms or ISO 8601; the previous page's `nextBefore`. Default: now.",
  })
  @IsOptional()
  @TimeParam()
  @IsInt({ message: 'before must be Unix milliseconds or an ISO 8601 date' })
  before?: number;

  @ApiPropertyOptional({
    type: Number,
    minimum: 1,
    maximum: MAX_EVENTS_LIMIT,
    default: DEFAULT_EVENTS_LIMIT,
    description: 'Transitions per page.',
  })
  @IsOptional()
  @IntegerParam()
  @IsInt({ message: LIMIT })
  @Min(1, { message: LIMIT })
  @Max(MAX_EVENTS_LIMIT, { message: LIMIT })
  limit?: number;
}
