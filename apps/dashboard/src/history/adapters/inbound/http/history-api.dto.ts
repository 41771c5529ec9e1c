import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  HISTORY_METRICS,
  HISTORY_TIERS,
  type EventsResponse,
  type HistoryMetric,
  type HistoryResponse,
  type HistorySeries,
  type HistoryTier,
  type SeriesUnit,
  type ServerEvent,
  type TransitionCause,
  type UptimeFigures,
} from '@sss/contracts';

// The history API's answers as the OpenAPI document describes them (the shapes are libs/contracts' history-api.ts).

const UNITS: SeriesUnit[] = ['percent', 'bytes', 'bytes/s', 'load', 'celsius', 'count'];
const CAUSES: TransitionCause[] = ['report', 'silence', 'connection-lost', 'dashboard-restart'];
const POINTS = { type: 'array', items: { type: 'number', nullable: true } } as const;
const UPTIME = { type: 'number', nullable: true, minimum: 0, maximum: 100 } as const;

export class HistorySeriesDto implements HistorySeries {
  @ApiProperty({ enum: HISTORY_METRICS }) metric!: HistoryMetric;
  @ApiProperty({
    description:
      'cpu, cpu.iowait, cpu.steal, memory.used, swap.used, load.1, disk.used <mount>, disk.read <mount>, disk.write <mount>, network.in, network.out, network.sent, network.recv, processes, connections.tcp, connections.udp, temperature.max (the hottest sensor), gpu.util <index>',
    example: 'disk.used /',
  })
  name!: string;
  @ApiProperty({ enum: UNITS }) unit!: SeriesUnit;
  @ApiPropertyOptional({ description: "The disk's mount path, for disk and diskio series.", example: '/' }) mount?: string;
  @ApiProperty({ ...POINTS, description: 'Average over each step, aligned with timestamps; null: nothing recorded.' })
  avg!: (number | null)[];
  @ApiProperty({ ...POINTS, description: 'Maximum over each step (a counter: its last value).' })
  max!: (number | null)[];
}

export class HistoryResponseDto implements HistoryResponse {
  @ApiProperty() serverId!: string;
  @ApiProperty({ description: 'Unix ms, as asked (or defaulted).' }) from!: number;
  @ApiProperty({ description: 'Unix ms, exclusive.' }) to!: number;
  @ApiProperty({ description: 'Milliseconds between two points.' }) step!: number;
  @ApiProperty({ enum: HISTORY_TIERS, description: 'The tier the points were read from.' }) tier!: HistoryTier;
  @ApiProperty({ type: [Number], description: 'The start of each step, Unix ms; at most 1,000.' }) timestamps!: number[];
  @ApiProperty({ type: [HistorySeriesDto] }) series!: HistorySeriesDto[];
}

export class ServerEventDto implements ServerEvent {
  @ApiProperty({ description: 'Unix ms.' }) at!: number;
  @ApiProperty() online!: boolean;
  @ApiProperty({ enum: CAUSES }) cause!: TransitionCause;
}

export class UptimeFiguresDto implements UptimeFigures {
  @ApiProperty({ ...UPTIME, description: 'Percent online over the last 24 hours; null: nothing known.' }) '24h'!: number | null;
  @ApiProperty({ ...UPTIME, description: 'Over the last 7 days.' }) '7d'!: number | null;
  @ApiProperty({ ...UPTIME, description: 'Over the last 30 days.' }) '30d'!: number | null;
}

export class EventsResponseDto implements EventsResponse {
  @ApiProperty() serverId!: string;
  @ApiProperty({ type: [ServerEventDto], description: 'Newest first.' }) events!: ServerEventDto[];
  @ApiProperty({ type: Number, nullable: true, description: 'Pass as `before` for the next (older) page; null on the last page.' })
  nextBefore!: number | null;
  @ApiProperty({ type: UptimeFiguresDto }) uptime!: UptimeFiguresDto;
}
