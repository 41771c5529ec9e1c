import { ENROLLMENT_OUTCOMES, ENROLLMENT_WAYS } from '@sss/contracts';
import { Counter, type Registry } from 'prom-client';
import type { EnrollmentStats } from '../../../../enrollment';
import { perScrape } from './per-scrape';
import { totalCounter } from './total-counter';

/** Registers enrollment's counters (README "Enrollment"), read from its stats at each scrape. */
export function registerEnrollmentMetrics(stats: EnrollmentStats, registry: Registry): void {
  const registers = [registry];
  const snapshot = perScrape(() => stats.snapshot());
  new Counter({
    name: 'sss_enrollments_total',
    help: 'Agents admitted or refused by enrollment since start, by way (key, kubernetes) and outcome; a Kubernetes identity counts on every connection.',
    labelNames: ['way', 'outcome'],
    registers,
    collect() {
      const { enrollments } = snapshot();
      this.reset();
      for (const way of ENROLLMENT_WAYS) for (const outcome of ENROLLMENT_OUTCOMES) this.inc({ way, outcome }, enrollments[way][outcome]);
    },
  });
  const reviews: [name: string, help: string, field: 'requests' | 'errors' | 'cacheHits'][] = [
    ['sss_token_reviews_total', 'TokenReviews sent to the Kubernetes API server since start.', 'requests'],
    ['sss_token_review_errors_total', 'TokenReviews that got no usable answer since start (API down, refused, timed out).', 'errors'],
    [
      'sss_token_review_cache_hits_total',
      'Agent tokens admitted from the cache of earlier reviews since start, without asking.',
      'cacheHits',
    ],
  ];
  for (const [name, help, field] of reviews) totalCounter(registry, name, help, () => snapshot().tokenReviews[field]);
}
