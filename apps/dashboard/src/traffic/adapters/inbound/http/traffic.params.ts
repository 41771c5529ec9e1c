import { ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_TRAFFIC_PERIODS } from '@sss/contracts';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IntegerParam } from '../../../../platform/http/integer-param';

const PERIODS = `periods must be a whole number from 1 to ${MAX_TRAFFIC_PERIODS}`;

/** The query of `GET /api/servers/:id/traffic`. */
export class TrafficParams {
  @ApiPropertyOptional({
    type: Number,
    minimum: 1,
    maximum: MAX_TRAFFIC_PERIODS,
    default: 1,
    description: 'How many billing periods, the current one first.',
  })
  @IsOptional()
  @IntegerParam()
  @IsInt({ message: PERIODS })
  @Min(1, { message: PERIODS })
  @Max(MAX_TRAFFIC_PERIODS, { message: PERIODS })
  periods?: number;
}
