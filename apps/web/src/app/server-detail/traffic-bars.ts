import type { TrafficResponse } from '@sss/contracts/constants';
import { formatBytes } from '../format/bytes';
import { formatUtcDay, formatUtcMonth } from '../format/utc-date';

export interface TrafficBar {
  start: number;
  /** Month label under the bar. */
  label: string;
  /** The bar's height, percent of the chart. */
  height: number;
  /** What the bar says to a screen reader and in its tooltip: the period (its first and last day) and its bytes. */
  text: string;
  current: boolean;
  /** Used more than the quota. */
  over: boolean;
}

export interface TrafficBars {
  /** Oldest first, the current period last. */
  bars: TrafficBar[];
  /** The quota's height, percent of the chart; null without a quota. */
  quotaLine: number | null;
}

/**
 * The periods of a traffic answer as bars on one scale: the largest period,
 * or the quota when it is larger, fills the chart.
 */
export function trafficBars({ periods, quotaBytes }: TrafficResponse, lang: string): TrafficBars {
  const scale = Math.max(1, quotaBytes ?? 0, ...periods.map((p) => p.used));
  const bars = periods
    .map((p, i) => ({
      start: p.start,
      label: formatUtcMonth(p.start, lang),
      height: (p.used / scale) * 100,
      text: `${formatUtcDay(p.start, lang, true)} – ${formatUtcDay(p.end - 1, lang, true)}: ${formatBytes(p.used)}`,
      current: i === 0,
      over: quotaBytes !== null && p.used > quotaBytes,
    }))
    .reverse();
  return { bars, quotaLine: quotaBytes === null ? null : (quotaBytes / scale) * 100 };
}
