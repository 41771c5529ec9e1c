import {
  HISTORY_METRICS,
  type HistoryMetric,
  type HistorySeries,
  type ReadingNames,
  SERIES_NAMES as API_SERIES_NAMES,
} from '@sss/contracts';
import { channelKind, isKnownChannel, splitChannel } from './channels';
import { rollUp } from './roll-up';
import { CHANNEL_NAMES, type Sample } from './sample';

/** The API's series name of each stored channel kind (`mem` → `memory.used`). */
const SERIES_NAMES = new Map(
  (Object.keys(CHANNEL_NAMES) as (keyof ReadingNames)[]).map((reading) => [CHANNEL_NAMES[reading], API_SERIES_NAMES[reading]]),
);

/** A chart's points: the start of each step and one series per channel. */
export interface SeriesSet {
  timestamps: number[];
  series: HistorySeries[];
}

/**
 * Buckets `samples` (oldest first, any tier) into steps of `step` ms aligned
 * to multiples of it, from the step holding `from` to the one holding `to - 1`:
 * per channel of the wanted metrics, each step's average and maximum, null
 * where nothing was recorded. Channels of kinds this dashboard does not know
 * are left out. Series come in HISTORY_METRICS order, then by name.
 */
export function toSeries(samples: readonly Sample[], from: number, to: number, step: number, metrics: readonly HistoryMetric[]): SeriesSet {
  const start = Math.floor(from / step) * step;
  const count = Math.floor((to - 1) / step) - Math.floor(from / step) + 1;
  const timestamps = Array.from({ length: count }, (_, i) => start + i * step);
  const wanted = new Set(metrics);
  const byChannel = new Map<string, HistorySeries>();
  for (const bucket of rollUp(samples, step)) {
    const index = (bucket.at - start) / step;
    if (index < 0 || index >= count) continue;
    for (const [channel, value] of Object.entries(bucket.values)) {
      if (!isKnownChannel(channel) || !wanted.has(channelKind(channel).metric)) continue;
      let series = byChannel.get(channel);
      if (!series) byChannel.set(channel, (series = emptySeries(channel, count)));
      const round = rounding(channel);
      series.avg[index] = round(value);
      series.max[index] = round(bucket.max?.[channel] ?? value);
    }
  }
  const order = (s: HistorySeries) => HISTORY_METRICS.indexOf(s.metric);
  const series = [...byChannel.values()].sort((a, b) => order(a) - order(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { timestamps, series };
}

function emptySeries(channel: string, count: number): HistorySeries {
  const { kind, subject } = splitChannel(channel);
  const { metric, unit } = channelKind(channel);
  const name = (SERIES_NAMES.get(kind) ?? kind) + (subject === undefined ? '' : ` ${subject}`);
  return {
    metric,
    name,
    unit,
    // A subject is a disk's mount, or a GPU's index, which the name carries.
    ...(subject === undefined || metric === 'gpu' ? {} : { mount: subject }),
    avg: new Array<number | null>(count).fill(null),
    max: new Array<number | null>(count).fill(null),
  };
}

/** Averages to the precision the channel is stored at (two decimals, or whole bytes): no float noise in the JSON. */
function rounding(channel: string): (value: number) => number {
  return channelKind(channel).quantum < 1 ? (v) => Math.round(v * 100) / 100 : Math.round;
}
