import { ApiProperty } from '@nestjs/swagger';
import {
  ENROLLMENT_OUTCOMES,
  ENROLLMENT_WAYS,
  HISTORY_TIERS,
  REJECT_REASONS,
  type HistoryTier,
  type RejectReason,
  type StatsBus,
  type StatsEnrollment,
  type StatsResponse,
  type StatsStorage,
  type StatsTierUsage,
} from '@sss/contracts';

// GET /api/stats's answer as the OpenAPI document describes it (the shape is libs/contracts' history-api.ts).

export class StatsTierUsageDto implements StatsTierUsage {
  @ApiProperty({ enum: HISTORY_TIERS }) tier!: HistoryTier;
  @ApiProperty({ description: 'Samples stored (a roll-up step counts one).' }) samples!: number;
  @ApiProperty({ description: 'Bytes on disk, indexes included where the engine tells.' }) bytes!: number;
}

export class StatsStorageDto implements StatsStorage {
  @ApiProperty({ enum: ['sqlite', 'postgres', 'off'] }) engine!: 'sqlite' | 'postgres' | 'off';
  @ApiProperty({ type: Number, nullable: true, description: 'The whole database; null when history is off or unreachable.' }) bytes!:
    number | null;
  @ApiProperty({ type: [StatsTierUsageDto] }) tiers!: StatsTierUsageDto[];
  @ApiProperty({ description: 'Writes that failed since start (each is retried).' }) writeErrors!: number;
  @ApiProperty({ description: 'Samples and transitions given up since start because the write buffer was full.' }) dropped!: number;
  @ApiProperty({ description: 'Samples and transitions waiting to be written.' }) pending!: number;
}

export class StatsTokenReviewsDto {
  @ApiProperty({ description: 'TokenReviews sent to the Kubernetes API server since start.' }) requests!: number;
  @ApiProperty({ description: 'Of those, the ones that got no usable answer (API down, refused, timed out).' }) errors!: number;
  @ApiProperty({ description: 'Tokens admitted from the cache of earlier reviews, without asking.' }) cacheHits!: number;
}

const OUTCOME_COUNTS = {
  type: 'object' as const,
  properties: Object.fromEntries(ENROLLMENT_OUTCOMES.map((o) => [o, { type: 'number' as const }])),
  additionalProperties: false,
};

export class StatsEnrollmentDto implements StatsEnrollment {
  @ApiProperty({
    type: 'object',
    properties: Object.fromEntries(ENROLLMENT_WAYS.map((way) => [way, OUTCOME_COUNTS])),
    description:
      'Enrollments since start by way (key, kubernetes) and outcome (accepted, refused, unavailable); a Kubernetes identity is counted on every connection.',
  })
  enrollments!: StatsEnrollment['enrollments'];
  @ApiProperty({ type: StatsTokenReviewsDto }) tokenReviews!: StatsTokenReviewsDto;
}

export class StatsBusDto implements StatsBus {
  @ApiProperty({ enum: ['memory', 'redis'], description: '`memory`: nothing leaves the process (one replica); `redis`: bus.url is set.' })
  transport!: 'memory' | 'redis';
  @ApiProperty({ description: "This replica's id (host name and a random part, new at every start)." }) replica!: string;
  @ApiProperty({ description: 'Whether events can reach the other replicas now.' }) connected!: boolean;
  @ApiProperty({ description: 'Events sent to the other replicas since start.' }) published!: number;
  @ApiProperty({ description: "The other replicas' events received since start." }) received!: number;
  @ApiProperty({ description: 'Events given up since start: the bus was down or its outgoing buffer full.' }) dropped!: number;
  @ApiProperty({ description: 'Bus errors since start (failed connections, refused commands).' }) errors!: number;
  @ApiProperty({ description: 'Whether this replica runs the once-only jobs (offline-by-silence records, history maintenance).' })
  leaseHeld!: boolean;
}

export class StatsResponseDto implements StatsResponse {
  @ApiProperty({ description: 'Agents connected now.' }) agents!: number;
  @ApiProperty({ description: 'Consoles connected to /ws-frontend now.' }) frontends!: number;
  @ApiProperty({ description: 'Reports accepted per second over the last 10 seconds.' }) reportsPerSecond!: number;
  @ApiProperty({
    type: 'object',
    properties: Object.fromEntries(REJECT_REASONS.map((reason) => [reason, { type: 'number' }])),
    description: 'Refused connections and frames since start, by reason.',
  })
  rejects!: Record<RejectReason, number>;
  @ApiProperty({ type: StatsStorageDto }) storage!: StatsStorageDto;
  @ApiProperty({ type: StatsEnrollmentDto }) enrollment!: StatsEnrollmentDto;
  @ApiProperty({ type: StatsBusDto }) bus!: StatsBusDto;
}
