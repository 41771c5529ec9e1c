import type { HistoryMetric, HistoryResponse, HistorySeries, SeriesUnit } from '@sss/contracts/constants';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The ranges the page offers, by their key in the URL (`?range=24h`). */
export const RANGES = { '1h': HOUR, '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY, '1y': 365 * DAY } as const;
export type RangeKey = keyof typeof RANGES;
export const RANGE_KEYS = Object.keys(RANGES) as RangeKey[];
/** The finest tier, and live as it comes: what someone opening a server wants first. */
export const DEFAULT_RANGE: RangeKey = '1h';

export function isRangeKey(value: unknown): value is RangeKey {
  return RANGE_KEYS.includes(value as RangeKey); // not `in`: `?range=constructor` is no range
}

export type ChartKey = 'cpu' | 'memory' | 'load' | 'disk' | 'diskio' | 'network' | 'processes' | 'connections' | 'temperature' | 'gpu';

/** One chart: the series of these metric groups, of this unit if given (the network's byte counters are left out). */
export interface ChartSpec {
  key: ChartKey;
  metrics: readonly HistoryMetric[];
  unit?: SeriesUnit;
}

export const CHARTS: readonly ChartSpec[] = [
  { key: 'cpu', metrics: ['cpu'] },
  { key: 'memory', metrics: ['memory', 'swap'] },
  { key: 'load', metrics: ['load'] },
  { key: 'disk', metrics: ['disk'] },
  { key: 'diskio', metrics: ['diskio'] },
  { key: 'network', metrics: ['network'], unit: 'bytes/s' },
  // Protocol 1.1 series, after the others: a server whose agent sends none has the charts it always had.
  { key: 'processes', metrics: ['processes'] },
  { key: 'connections', metrics: ['connections'] },
  { key: 'temperature', metrics: ['temperature'] },
  { key: 'gpu', metrics: ['gpu'] },
];

/** One line of a chart: a series' averages, or its maxima (drawn for roll-ups, where they differ). */
export interface ChartLine {
  name: string;
  unit: SeriesUnit;
  mount?: string;
  max: boolean;
}

/**
 * What uPlot draws: x in Unix seconds, then one y array per line, aligned.
 * null breaks a line (an outage); undefined is a step without a report inside a
 * run of reports (a step finer than the report interval), which the line spans.
 */
export interface ChartData {
  lines: ChartLine[];
  data: [number[], ...(number | null | undefined)[][]];
}

/** Two values at most this far apart (or BRIDGE_STEPS steps, if more) are joined across the steps without data between them. */
export const BRIDGE_MS = 60_000;
export const BRIDGE_STEPS = 3;

/**
 * The lines of `spec` from a history answer; undefined when it has no such
 * series or none holds a value. The chart starts at its first value: a server
 * added ten minutes ago fills its 1 h chart with those ten minutes.
 */
export function chartData(history: HistoryResponse, spec: ChartSpec): ChartData | undefined {
  const series = history.series.filter(
    (s) => spec.metrics.includes(s.metric) && (spec.unit === undefined || s.unit === spec.unit) && s.avg.some((v) => v !== null),
  );
  if (series.length === 0) return undefined;
  const start = Math.min(...series.map((s) => s.avg.findIndex((v) => v !== null)));
  const timestamps = history.timestamps.slice(start);
  const withMax = history.tier !== 'raw';
  const bridge = Math.max(BRIDGE_MS, BRIDGE_STEPS * history.step);
  const lines: ChartLine[] = [];
  const ys: (number | null | undefined)[][] = [];
  for (const s of series) {
    lines.push({ name: s.name, unit: s.unit, mount: s.mount, max: false });
    ys.push(bridged(s.avg.slice(start), timestamps, bridge));
    if (withMax) {
      lines.push({ name: s.name, unit: s.unit, mount: s.mount, max: true });
      ys.push(bridged(s.max.slice(start), timestamps, bridge));
    }
  }
  return { lines, data: [timestamps.map((ms) => ms / 1000), ...ys] };
}

/** `values` with each run of nulls between two values at most `bridgeMs` apart turned to undefined. */
function bridged(values: readonly (number | null)[], timestamps: readonly number[], bridgeMs: number): (number | null | undefined)[] {
  const out: (number | null | undefined)[] = [...values];
  let previous = -1; // index of the last value seen
  for (let i = 0; i < values.length; i++) {
    if (values[i] === null) continue;
    if (previous >= 0 && i - previous > 1 && timestamps[i] - timestamps[previous] <= bridgeMs) out.fill(undefined, previous + 1, i);
    previous = i;
  }
  return out;
}

/**
 * `history` with a live report appended as its newest point, and the points
 * that fell out of the range's window (`windowMs` before the report) dropped.
 * At most one point per step: a report less than a step after the newest
 * point is skipped, so a range of roll-ups keeps its spacing. The same object
 * when nothing changes.
 */
export function appendLive(history: HistoryResponse, at: number, readings: Record<string, number>, windowMs: number): HistoryResponse {
  const last = history.timestamps.at(-1);
  if (last !== undefined && at < last + Math.max(history.step, 1)) return history;
  const first = history.timestamps.findIndex((t) => t >= at - windowMs);
  const keep = first === -1 ? history.timestamps.length : first;
  const grow = (values: (number | null)[], value: number | null) => [...values.slice(keep), value];
  return {
    ...history,
    to: Math.max(history.to, at),
    timestamps: grow(history.timestamps, at) as number[],
    series: history.series.map((s): HistorySeries => ({
      ...s,
      avg: grow(s.avg, readings[s.name] ?? null),
      max: grow(s.max, readings[s.name] ?? null),
    })),
  };
}
