import { ApiProperty } from '@nestjs/swagger';
import { TRAFFIC_DIRECTIONS, type TrafficDirection, type TrafficPeriod, type TrafficResponse, type TrafficSummary } from '@sss/contracts';

// The traffic API's answers as the OpenAPI document describes them (the shapes are libs/contracts' traffic-api.ts).

const PERCENT = {
  type: Number,
  nullable: true,
  description: "The current period's `used` as a percentage of the quota (may pass 100); null without a quota.",
};
const QUOTA = { type: Number, nullable: true, description: 'Bytes a period may use; null: no quota.' };

export class TrafficPeriodDto implements TrafficPeriod {
  @ApiProperty({ description: 'Unix ms, inclusive: 00:00 UTC of the reset day.' }) start!: number;
  @ApiProperty({ description: "Unix ms, exclusive: the next period's start." }) end!: number;
  @ApiProperty({ description: 'Bytes sent.' }) sent!: number;
  @ApiProperty({ description: 'Bytes received.' }) recv!: number;
  @ApiProperty({ description: 'Bytes that count against the quota: sent + recv (sum), the larger (max), recv (in) or sent (out).' })
  used!: number;
}

export class TrafficResponseDto implements TrafficResponse {
  @ApiProperty() serverId!: string;
  @ApiProperty({ minimum: 1, maximum: 31, description: 'The day of the month a period starts; a shorter month starts it on its last day.' })
  resetDay!: number;
  @ApiProperty(QUOTA) quotaBytes!: number | null;
  @ApiProperty({ enum: TRAFFIC_DIRECTIONS }) direction!: TrafficDirection;
  @ApiProperty(PERCENT) percent!: number | null;
  @ApiProperty({ type: [TrafficPeriodDto], description: 'The current period first, then older ones.' }) periods!: TrafficPeriodDto[];
}

export class TrafficSummaryDto extends TrafficPeriodDto implements TrafficSummary {
  @ApiProperty(QUOTA) quotaBytes!: number | null;
  @ApiProperty(PERCENT) percent!: number | null;
}
