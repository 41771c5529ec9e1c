import { BadRequestException } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { HISTORY_METRICS, type HistoryMetric } from '@sss/contracts';
import { Transform } from 'class-transformer';
import { ArrayNotEmpty, IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { IntegerParam } from '../../../../platform/http/integer-param';
import { TimeParam } from './time-param';

const HOUR = 3_600_000;
/** The longest range one request may ask for: the coarsest tier's default retention. */
export const MAX_HISTORY_RANGE_MS = 5 * 365 * 24 * HOUR;
/** No tier is finer than reports, and agents report at most once a second. */
export const MIN_STEP_MS = 1_000;

const TIME = 'must be Unix milliseconds or an ISO 8601 date';

/** The query of `GET /api/servers/:id/history`. */
export class HistoryParams {
  @ApiPropertyOptional({
    type: String,
    description: 'Start of the range (inclusive): Unix ms or ISO 8601. Default: one hour before `to`.',
    example: '2026-01-01T00:00:00Z',
  })
  @IsOptional()
  @TimeParam()
  @IsInt({ message: `from ${TIME}` })
  from?: number;

  @ApiPropertyOptional({
    type: String,
    description: 'End of the range (exclusive): Unix ms or ISO 8601. Default: now.',
    example: '1767225600000',
  })
  @IsOptional()
  @TimeParam()
  @IsInt({ message: `to ${TIME}` })
  to?: number;

  @ApiPropertyOptional({
    type: String,
    description: `Comma-separated metric groups: ${HISTORY_METRICS.join(', ')}. Default: all.`,
    example: 'cpu,memory',
  })
  @IsOptional()
  // A repeated parameter (`metrics=cpu&metrics=load`) counts as one list.
  @Transform(({ value }: { value: unknown }) => [...new Set((Array.isArray(value) ? value.join(',') : String(value)).split(','))])
  @ArrayNotEmpty()
  @IsIn(HISTORY_METRICS, { each: true, message: `metrics must be a comma-separated list of ${HISTORY_METRICS.join(', ')}` })
  metrics?: HistoryMetric[];

  @ApiPropertyOptional({
    type: Number,
    minimum: MIN_STEP_MS,
    description:
      "The finest step wanted between points, ms. The answer uses at least the chosen tier's step, and a coarser one when the range needs it to stay within 1,000 points.",
    example: 60_000,
  })
  @IsOptional()
  @IntegerParam()
  @IsInt({ message: `step must be whole milliseconds, at least ${MIN_STEP_MS}` })
  @Min(MIN_STEP_MS, { message: `step must be whole milliseconds, at least ${MIN_STEP_MS}` })
  step?: number;
}

/** The range a history request means at `now`, with the defaults filled in; a 400 when it is empty, backwards or too long. */
export function historyRange({ from, to }: HistoryParams, now: number): { from: number; to: number } {
  const end = to ?? now;
  const start = from ?? end - HOUR;
  const problems: string[] = [];
  if (start >= end) problems.push('from must be before to');
  if (end - start > MAX_HISTORY_RANGE_MS) problems.push('the range from..to must be at most 5 years');
  if (problems.length) throw new BadRequestException({ message: 'invalid parameters', details: problems });
  return { from: start, to: end };
}
