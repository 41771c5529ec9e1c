import { lastPeriods } from './billing-cycle';
import { periodTotals } from './period-totals';
import { quotaPercent, usedBytes } from './traffic-usage';

const utc = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe('usedBytes', () => {
  it.each([
    ['sum', 1_300],
    ['max', 1_000],
    ['in', 300],
    ['out', 1_000],
  ] as const)('counts %s', (direction, used) => {
    expect(usedBytes({ sent: 1_000, recv: 300 }, direction)).toBe(used);
  });
});

describe('quotaPercent', () => {
  it('is the share of the quota to two decimals, past 100 when over it, null without a quota', () => {
    expect(quotaPercent(1, 3)).toBe(33.33);
    expect(quotaPercent(450, 300)).toBe(150);
    expect(quotaPercent(0, 1e12)).toBe(0);
    expect(quotaPercent(5, null)).toBeNull();
  });
});

describe('periodTotals', () => {
  it('sums each period from its days: the last day of a month in that period, the reset day in the next', () => {
    const periods = lastPeriods(utc('2026-03-10'), 31, 2); // [Feb 28, Mar 31), [Jan 31, Feb 28)
    const days = [
      { day: utc('2026-01-30'), sent: 1, recv: 1 }, // before both
      { day: utc('2026-01-31'), sent: 10, recv: 100 },
      { day: utc('2026-02-27'), sent: 20, recv: 200 },
      { day: utc('2026-02-28'), sent: 1_000, recv: 3 },
      { day: utc('2026-03-10'), sent: 2_000, recv: 4 },
    ];
    expect(periodTotals(periods, days, 'max')).toEqual([
      { start: utc('2026-02-28'), end: utc('2026-03-31'), sent: 3_000, recv: 7, used: 3_000 },
      { start: utc('2026-01-31'), end: utc('2026-02-28'), sent: 30, recv: 300, used: 300 },
    ]);
  });
});
