import { MAX_HISTORY_POINTS, type HistoryTier } from '@sss/contracts';
import { TIER_SPECS, type Retention } from './tiers';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Steps a chart's axis reads well in, finest first; each from a minute up is a multiple of the roll-up steps below it. */
export const ROUND_STEPS = [
  ...[1, 2, 5, 10, 15, 30].map((s) => s * SECOND),
  ...[1, 2, 5, 10, 15, 30].map((m) => m * MINUTE),
  ...[1, 2, 3, 6, 12].map((h) => h * HOUR),
  ...[1, 2, 7].map((d) => d * DAY),
];

/** Where a history answer is read from, and the width of each of its points. */
export interface Resolution {
  tier: HistoryTier;
  /** Milliseconds per point: a multiple of the tier's step. */
  step: number;
}

/** How many steps of `step` ms, aligned to multiples of `step`, [from, to) touches. */
export function bucketCount(from: number, to: number, step: number): number {
  return Math.floor((to - 1) / step) - Math.floor(from / step) + 1;
}

/**
 * The tier and step for a chart of [from, to) at `now`: the step is the
 * finest round step that keeps the points at MAX_HISTORY_POINTS or fewer (or
 * `requested` when coarser); the tier is the coarsest one kept back to `from`
 * whose step is no coarser than that, so as few rows as possible are read for
 * the same points. When even the finest tier kept that far back is coarser,
 * its step is used.
 */
export function resolution(from: number, to: number, now: number, retention: Retention, requested?: number): Resolution {
  const round = ROUND_STEPS.find((step) => bucketCount(from, to, step) <= MAX_HISTORY_POINTS) ?? ROUND_STEPS[ROUND_STEPS.length - 1];
  const wanted = Math.max(round, requested ?? 0);
  const kept = TIER_SPECS.filter((spec) => from >= now - retention[spec.tier]);
  // Older than every tier keeps: the coarsest, which holds whatever is left.
  const candidates = kept.length ? kept : TIER_SPECS.slice(-1);
  const spec = [...candidates].reverse().find((s) => s.step <= wanted) ?? candidates[0];
  return { tier: spec.tier, step: spec.step ? Math.ceil(wanted / spec.step) * spec.step : wanted };
}
