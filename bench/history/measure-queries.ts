import type { HistoryTier } from '@sss/contracts';
import { uptimePercent } from '../../apps/dashboard/src/history/domain/transition';
import type { HistoryEngine } from './history-engine';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** More than a server's transitions in 30 days (an outage every two days is 30). */
const TRANSITIONS_LIMIT = 1_000;

export interface QueryFigures {
  query: string;
  tier?: HistoryTier;
  /** Samples (or transitions) the query returned. */
  rows: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * What reading one server's history costs: 1 h, 30 d and 1 y, each from the finest tier that covers the range
 * (the most points to read and decode) and, for the long ranges, from the 1-hour tier (at most ~1,000 points
 * without thinning); and the uptime figures of the last 24 h, 7 d and 30 d from its transitions.
 */
export async function measureQueries(engine: HistoryEngine, serverId: string, end: number, runs: number): Promise<QueryFigures[]> {
  const { store } = engine;
  const ranges: [string, HistoryTier, number][] = [
    ['1 h', 'raw', HOUR],
    ['30 d', '1m', 30 * DAY],
    ['30 d', '1h', 30 * DAY],
    ['1 y', '15m', 365 * DAY],
    ['1 y', '1h', 365 * DAY],
  ];
  const figures: QueryFigures[] = [];
  for (const [query, tier, range] of ranges) {
    figures.push({ query, tier, ...(await time(runs, async () => (await store.samples(serverId, tier, end - range, end)).length)) });
  }
  figures.push({
    query: 'uptime 24 h, 7 d, 30 d',
    ...(await time(runs, async () => {
      const newestFirst = await store.transitions(serverId, end, TRANSITIONS_LIMIT);
      for (const days of [1, 7, 30]) {
        const from = end - days * DAY;
        const inside = newestFirst.filter((t) => t.at >= from).reverse();
        uptimePercent(newestFirst.find((t) => t.at < from)?.online, inside, from, end);
      }
      return newestFirst.length;
    })),
  });
  return figures;
}

/** Runs `query` a few times unmeasured, then `runs` times; its answer's size and the latency percentiles. */
async function time(runs: number, query: () => Promise<number>): Promise<{ rows: number; p50Ms: number; p99Ms: number }> {
  let rows = 0;
  for (let i = 0; i < 3; i++) rows = await query();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await query();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)];
  return { rows, p50Ms: at(0.5), p99Ms: at(0.99) };
}
