/**
 * A day in the page's language, read in UTC: billing periods start at 00:00
 * UTC, which a local reading would put on the day before west of Greenwich.
 * `Mar 31` / `3月31日`; with the year: `Mar 31, 2026` / `2026年3月31日`.
 */
export function formatUtcDay(ms: number, lang: string, withYear = false): string {
  return new Intl.DateTimeFormat(lang, { month: 'short', day: 'numeric', year: withYear ? 'numeric' : undefined, timeZone: 'UTC' }).format(
    ms,
  );
}

/** A billing period's month label for a bar: `Mar` / `3月`, with a two-digit year in January (`Jan 26`). */
export function formatUtcMonth(ms: number, lang: string): string {
  const january = new Date(ms).getUTCMonth() === 0;
  return new Intl.DateTimeFormat(lang, { month: 'short', year: january ? '2-digit' : undefined, timeZone: 'UTC' }).format(ms);
}
