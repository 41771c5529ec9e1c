import { MAX_HISTORY_POINTS } from '@sss/contracts';
import { bucketCount, resolution, ROUND_STEPS } from './resolution';
import { DEFAULT_RETENTION } from './tiers';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 5, 15, 12, 34, 56, 789);

/** The resolution of the `span` before now. */
const last = (span: number, step?: number) => resolution(NOW - span, NOW, NOW, DEFAULT_RETENTION, step);

describe('resolution', () => {
  it.each([
    ['1 h', HOUR, 'raw', 5_000],
    ['24 h', DAY, '1m', 2 * MINUTE],
    ['7 d', 7 * DAY, '15m', 15 * MINUTE],
    ['30 d', 30 * DAY, '1h', HOUR],
    ['1 y', 365 * DAY, '1h', 12 * HOUR],
    ['5 y', 5 * 365 * DAY, '1h', 2 * DAY],
  ])('reads %s from the coarsest tier kept that far back and no coarser than the round step', (_, span, tier, step) => {
    expect(last(span)).toEqual({ tier, step });
  });

  it('never gives more than MAX_HISTORY_POINTS steps, whatever the range and its alignment', () => {
    for (let span = 1_000; span <= 5 * 365 * DAY; span = Math.ceil(span * 1.37) + 7) {
      const { step } = last(span);
      expect(bucketCount(NOW - span, NOW, step)).toBeLessThanOrEqual(MAX_HISTORY_POINTS);
      // ...and the next finer round step would give more.
      expect(ROUND_STEPS).toContain(step);
      const finer = ROUND_STEPS[ROUND_STEPS.indexOf(step) - 1];
      if (finer) expect(bucketCount(NOW - span, NOW, finer)).toBeGreaterThan(MAX_HISTORY_POINTS);
    }
  });

  it("uses the finest tier kept back to `from` when the round step is finer than it, at that tier's step", () => {
    // 3 days back: raw is gone, the 1-minute tier is the finest left, though 5 minutes would do for 3 h... of 3 days ago.
    expect(resolution(NOW - 3 * DAY, NOW - 3 * DAY + 3 * HOUR, NOW, DEFAULT_RETENTION)).toEqual({ tier: '1m', step: MINUTE });
    // 2 years back: only the 1-hour tier is kept.
    expect(resolution(NOW - 2 * 365 * DAY, NOW - 2 * 365 * DAY + HOUR, NOW, DEFAULT_RETENTION)).toEqual({ tier: '1h', step: HOUR });
  });

  it('takes a coarser requested step, rounded up to a multiple of the tier step, and a coarser tier for it', () => {
    expect(last(HOUR, 60_000)).toEqual({ tier: '1m', step: MINUTE });
    expect(last(HOUR, 90_000)).toEqual({ tier: '1m', step: 2 * MINUTE });
    expect(last(HOUR, 7_000)).toEqual({ tier: 'raw', step: 7_000 });
    expect(last(DAY, HOUR)).toEqual({ tier: '1h', step: HOUR });
    // A finer requested step than the range allows changes nothing.
    expect(last(30 * DAY, 1_000)).toEqual(last(30 * DAY));
  });

  it('follows configured retention', () => {
    const retention = { ...DEFAULT_RETENTION, raw: 7 * DAY, '1m': 90 * DAY };
    expect(resolution(NOW - 5 * DAY, NOW - 5 * DAY + HOUR, NOW, retention)).toEqual({ tier: 'raw', step: 5_000 });
    expect(resolution(NOW - 60 * DAY, NOW - 60 * DAY + DAY, NOW, retention)).toEqual({ tier: '1m', step: 2 * MINUTE });
  });

  it('reads the coarsest tier for a range older than every tier keeps', () => {
    expect(resolution(NOW - 6 * 365 * DAY, NOW - 6 * 365 * DAY + DAY, NOW, DEFAULT_RETENTION)).toEqual({ tier: '1h', step: HOUR });
  });
});

describe('bucketCount', () => {
  it('counts the aligned steps a range touches', () => {
    expect(bucketCount(0, 60_000, 60_000)).toBe(1);
    expect(bucketCount(0, 60_001, 60_000)).toBe(2);
    expect(bucketCount(59_999, 60_001, 60_000)).toBe(2);
    expect(bucketCount(60_000, 120_000, 60_000)).toBe(1);
  });
});
