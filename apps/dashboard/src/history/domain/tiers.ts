import type { HistoryTier } from '@sss/contracts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface TierSpec {
  tier: HistoryTier;
  /** Milliseconds between points; 0 for raw (as reported). */
  step: number;
  /** The finer tier it is rolled up from. */
  source?: HistoryTier;
  /** Roll-ups are computed a window at a time, once the window has passed. */
  window: number;
}

/** Finest first. */
export const TIER_SPECS: readonly TierSpec[] = [
  { tier: 'raw', step: 0, window: 10 * MINUTE },
  { tier: '1m', step: MINUTE, source: 'raw', window: 2 * HOUR },
  { tier: '15m', step: 15 * MINUTE, source: '1m', window: DAY },
  { tier: '1h', step: HOUR, source: '15m', window: 7 * DAY },
];

/** How long each tier is kept, in milliseconds (config `history.retention`). */
export type Retention = Record<HistoryTier, number>;

export const DEFAULT_RETENTION: Retention = { raw: 2 * DAY, '1m': 30 * DAY, '15m': 365 * DAY, '1h': 5 * 365 * DAY };

export function tierSpec(tier: HistoryTier): TierSpec {
  return TIER_SPECS.find((t) => t.tier === tier)!;
}
