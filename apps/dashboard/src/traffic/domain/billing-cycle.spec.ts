import { lastPeriods, periodAt } from './billing-cycle';

const utc = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const period = (at: string, resetDay: number) => {
  const { start, end } = periodAt(Date.parse(at), resetDay);
  return [iso(start), iso(end)];
};

describe('periodAt', () => {
  it('runs calendar months with reset day 1, the month end belonging to the month and the next midnight to the next', () => {
    expect(period('2026-01-31T23:59:59.999Z', 1)).toEqual(['2026-01-01', '2026-02-01']);
    expect(period('2026-02-01T00:00:00Z', 1)).toEqual(['2026-02-01', '2026-03-01']);
    expect(period('2026-12-15T12:00:00Z', 1)).toEqual(['2026-12-01', '2027-01-01']);
  });

  it('starts on the reset day at 00:00 UTC; before it, the period began the month before (across a year end too)', () => {
    expect(period('2026-03-15T00:00:00Z', 15)).toEqual(['2026-03-15', '2026-04-15']);
    expect(period('2026-03-14T23:59:59Z', 15)).toEqual(['2026-02-15', '2026-03-15']);
    expect(period('2026-01-10T08:00:00Z', 15)).toEqual(['2025-12-15', '2026-01-15']);
  });

  it('resets on the last day of a month shorter than the reset day: 31 on Feb 28 in a common year', () => {
    expect(period('2026-02-27T12:00:00Z', 31)).toEqual(['2026-01-31', '2026-02-28']);
    expect(period('2026-02-28T00:00:00Z', 31)).toEqual(['2026-02-28', '2026-03-31']);
    expect(period('2026-03-30T23:00:00Z', 31)).toEqual(['2026-02-28', '2026-03-31']);
    expect(period('2026-04-30T00:00:00Z', 31)).toEqual(['2026-04-30', '2026-05-31']);
  });

  it('and on Feb 29 in a leap year; 30 and 29 do the same in February', () => {
    expect(period('2028-02-28T12:00:00Z', 31)).toEqual(['2028-01-31', '2028-02-29']);
    expect(period('2028-02-29T00:00:00Z', 31)).toEqual(['2028-02-29', '2028-03-31']);
    expect(period('2028-02-29T00:00:00Z', 30)).toEqual(['2028-02-29', '2028-03-30']);
    expect(period('2026-02-28T00:00:00Z', 30)).toEqual(['2026-02-28', '2026-03-30']);
    expect(period('2026-02-28T00:00:00Z', 29)).toEqual(['2026-02-28', '2026-03-29']);
    expect(period('2028-02-28T23:59:59Z', 29)).toEqual(['2028-01-29', '2028-02-29']);
  });
});

describe('lastPeriods', () => {
  it('lists periods newest first, each ending where the newer one starts', () => {
    const periods = lastPeriods(utc('2026-03-05'), 31, 4);
    expect(periods.map((p) => [iso(p.start), iso(p.end)])).toEqual([
      ['2026-02-28', '2026-03-31'],
      ['2026-01-31', '2026-02-28'],
      ['2025-12-31', '2026-01-31'],
      ['2025-11-30', '2025-12-31'],
    ]);
  });

  it('covers two years in 24 periods', () => {
    const periods = lastPeriods(utc('2026-06-10'), 1, 24);
    expect(periods).toHaveLength(24);
    expect(iso(periods[23].start)).toBe('2024-07-01');
  });
});
