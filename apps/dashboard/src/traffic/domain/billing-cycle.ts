/** A billing period: [start, end) in Unix ms. */
export interface Period {
  start: number;
  end: number;
}

/**
 * When a period starts in a month (month may run past 0..11; Date.UTC carries
 * it into the year): 00:00 UTC of `resetDay`, or of the month's last day when
 * the month is shorter, as hosting bills do (31 resets on Feb 28 or 29, Apr 30).
 */
function resetIn(year: number, month: number, resetDay: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(resetDay, lastDay));
}

/** The billing period that holds `at`, for a cycle that resets on `resetDay` (1..31) of each month. */
export function periodAt(at: number, resetDay: number): Period {
  const date = new Date(at);
  const year = date.getUTCFullYear();
  let month = date.getUTCMonth();
  if (at < resetIn(year, month, resetDay)) month -= 1;
  return { start: resetIn(year, month, resetDay), end: resetIn(year, month + 1, resetDay) };
}

/** The `count` periods up to the one holding `now`, newest first. */
export function lastPeriods(now: number, resetDay: number, count: number): Period[] {
  const periods = [periodAt(now, resetDay)];
  while (periods.length < count) periods.push(periodAt(periods[periods.length - 1].start - 1, resetDay));
  return periods;
}
