/** How an unregistered or token-holding agent asked to be admitted. */
export const ENROLLMENT_WAYS = ['key', 'kubernetes'] as const;
export type EnrollmentWay = (typeof ENROLLMENT_WAYS)[number];

/** accepted: admitted; refused: an authentication failure (1008); unavailable: could not be checked now (1013). */
export const ENROLLMENT_OUTCOMES = ['accepted', 'refused', 'unavailable'] as const;
export type EnrollmentOutcomeKind = (typeof ENROLLMENT_OUTCOMES)[number];

export interface EnrollmentStatsSnapshot {
  /** Per way and outcome, since start. A Kubernetes identity is checked, and counted, on every connection. */
  enrollments: Record<EnrollmentWay, Record<EnrollmentOutcomeKind, number>>;
  tokenReviews: {
    /** Sent to the API server. */
    requests: number;
    /** Of those, the ones that got no usable answer. */
    errors: number;
    /** Tokens admitted from the cache of earlier reviews, without asking. */
    cacheHits: number;
  };
}

/** Enrollment's counters for /api/stats and /metrics. */
export class EnrollmentStats {
  private readonly counts = Object.fromEntries(
    ENROLLMENT_WAYS.map((way) => [way, Object.fromEntries(ENROLLMENT_OUTCOMES.map((o) => [o, 0]))]),
  ) as Record<EnrollmentWay, Record<EnrollmentOutcomeKind, number>>;
  private reviews = 0;
  private reviewErrors = 0;
  private cacheHits = 0;

  counted(way: EnrollmentWay, outcome: EnrollmentOutcomeKind): void {
    this.counts[way][outcome]++;
  }

  reviewRequested(): void {
    this.reviews++;
  }

  reviewFailed(): void {
    this.reviewErrors++;
  }

  reviewCached(): void {
    this.cacheHits++;
  }

  snapshot(): EnrollmentStatsSnapshot {
    return {
      enrollments: {
        key: { ...this.counts.key },
        kubernetes: { ...this.counts.kubernetes },
      },
      tokenReviews: { requests: this.reviews, errors: this.reviewErrors, cacheHits: this.cacheHits },
    };
  }
}
