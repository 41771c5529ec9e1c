import { ENROLLMENT_OUTCOMES, ENROLLMENT_WAYS, type EnrollmentOutcomeKind, type EnrollmentWay, type StatsEnrollment } from '@sss/contracts';

export type { EnrollmentWay };

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

  snapshot(): StatsEnrollment {
    return {
      enrollments: {
        key: { ...this.counts.key },
        kubernetes: { ...this.counts.kubernetes },
      },
      tokenReviews: { requests: this.reviews, errors: this.reviewErrors, cacheHits: this.cacheHits },
    };
  }
}
