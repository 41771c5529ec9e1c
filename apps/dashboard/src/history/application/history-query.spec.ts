import { HISTORY_METRICS } from '@sss/contracts';
import { tempSqliteStore } from '../../../../../test/support/temp-sqlite-store';
import { ConfigServerCatalog } from '../../catalog/adapters/outbound/config/config-server-catalog';
import type { KyselyHistoryStore } from '../adapters/outbound/kysely/kysely-history.store';
import type { Sample } from '../domain/sample';
import { DEFAULT_RETENTION } from '../domain/tiers';
import { HistoryQuery } from './history-query';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Midnight: every tier's windows start here. */
const DAY0 = Date.UTC(2026, 5, 15);
const NOW = DAY0 + 12 * HOUR;

/** One report every 20 s from `from` to `to`: cpu climbs 0.01 % a report, memory is a whole number of KiB. */
function reports(from: number, to: number): Sample[] {
  const out: Sample[] = [];
  for (let at = from; at < to; at += 20_000) {
    const n = (at - DAY0) / 20_000;
    out.push({ at, values: { cpu: n / 100, mem: 1024 * (n % 7), 'disk.used /': 1024 * n, 'net.sent': 1000 * n } });
  }
  return out;
}

/** The average and maximum of `channel` over the reports in each `step` from `from`, as the query should give them. */
function expected(samples: Sample[], channel: string, from: number, to: number, step: number) {
  const avg: (number | null)[] = [];
  const max: (number | null)[] = [];
  for (let start = from; start < to; start += step) {
    const values = samples.filter((s) => s.at >= start && s.at < start + step).map((s) => s.values[channel]);
    avg.push(values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100 : null);
    max.push(values.length ? Math.max(...values) : null);
  }
  return { avg, max };
}

/**
 * Equal within `tolerance` where numbers, null where null: averages of averages, and roll-ups stored at the
 * channel's quantum (0.01 for cpu), may round the last digit the other way.
 */
function expectClose(actual: (number | null)[], wanted: (number | null)[], tolerance = 0.011): void {
  expect(actual.map((v) => v === null)).toEqual(wanted.map((v) => v === null));
  actual.forEach((v, i) => expect(Math.abs((v ?? 0) - (wanted[i] ?? 0))).toBeLessThanOrEqual(tolerance));
}

describe('HistoryQuery over the real store (SQLite)', () => {
  let store: KyselyHistoryStore;
  let close: () => Promise<void>;
  const catalog = new ConfigServerCatalog([
    { id: 'web-1', secret: 'x' },
    { id: 'quiet', secret: 'y' },
  ]);
  const query = () => new HistoryQuery(store, catalog, DEFAULT_RETENTION, () => NOW);
  // Six hours of reports before noon, and one of another server that must not show.
  const samples = reports(DAY0 + 6 * HOUR, NOW);

  beforeEach(async () => {
    ({ store, close } = await tempSqliteStore());
    await store.append(
      [...samples.map((sample) => ({ serverId: 'web-1', sample })), { serverId: 'other', sample: { at: NOW - HOUR, values: { cpu: 99 } } }],
      [],
    );
  });
  afterEach(() => close());

  it('answers the last hour from raw reports at a 5 s step, one series per channel with its unit, null between reports', async () => {
    const answer = (await query().history('web-1', { from: NOW - HOUR, to: NOW, metrics: HISTORY_METRICS }))!;
    expect(answer).toMatchObject({ serverId: 'web-1', from: NOW - HOUR, to: NOW, step: 5_000, tier: 'raw' });
    expect(answer.timestamps).toHaveLength(720);
    expect(answer.timestamps[0]).toBe(NOW - HOUR);
    expect(answer.series.map((s) => [s.name, s.unit, s.mount])).toEqual([
      ['cpu', 'percent', undefined],
      ['memory.used', 'bytes', undefined],
      ['disk.used /', 'bytes', '/'],
      ['network.sent', 'bytes', undefined],
    ]);
    const cpu = answer.series[0];
    const recent = samples.filter((s) => s.at >= NOW - HOUR);
    expect(cpu.avg.filter((v) => v !== null)).toEqual(recent.map((s) => s.values.cpu));
    expect(cpu.avg.slice(0, 4)).toEqual([recent[0].values.cpu, null, null, null]);
  });

  it('gives only the asked metrics', async () => {
    const answer = (await query().history('web-1', { from: NOW - HOUR, to: NOW, metrics: ['disk', 'network'] }))!;
    expect(answer.series.map((s) => s.name)).toEqual(['disk.used /', 'network.sent']);
  });

  it('reads 24 h from the 1-minute tier, rolling up on the fly whatever is past its mark, with the same answer either way', async () => {
    const from = NOW - DAY;
    const first = (await query().history('web-1', { from, to: NOW, metrics: ['cpu', 'network'] }))!;
    expect(first).toMatchObject({ tier: '1m', step: 2 * MINUTE });
    expect(first.timestamps).toHaveLength(720);
    expectClose(first.series[0].avg, expected(samples, 'cpu', from, NOW, 2 * MINUTE).avg);
    expectClose(first.series[0].max, expected(samples, 'cpu', from, NOW, 2 * MINUTE).max);
    // A counter keeps its last value in each step.
    const lastSent = samples.filter((s) => s.at < NOW - 2 * MINUTE).at(-1)!.values['net.sent'];
    expect(first.series[1].avg.at(-2)).toBe(lastSent);

    // The maintenance job rolls up the first two windows (06:00 to 10:00) and moves the mark; raw data there then expires.
    for (const start of [DAY0 + 6 * HOUR, DAY0 + 8 * HOUR])
      await store.rollUp({ tier: '1m', from: start, to: start + 2 * HOUR, limit: 10 });
    await store.setMark('rollup:1m', DAY0 + 10 * HOUR);
    await store.compact(DAY0 + 10 * HOUR, 10);
    expect(await store.expire('raw', DAY0 + 10 * HOUR, 1_000_000)).toBeGreaterThan(0);
    expect(await store.samples('web-1', 'raw', DAY0 + 6 * HOUR, DAY0 + 10 * HOUR)).toEqual([]);

    const second = (await query().history('web-1', { from, to: NOW, metrics: ['cpu', 'network'] }))!;
    expect({ ...second, series: [] }).toEqual({ ...first, series: [] });
    expect(second.series.map((s) => s.name)).toEqual(['cpu', 'network.sent']);
    expectClose(second.series[0].avg, first.series[0].avg);
    expectClose(second.series[0].max, first.series[0].max);
    expect(second.series[1]).toEqual(first.series[1]);
  });

  it('reads 30 days from the 1-hour tier, over the 15-minute and 1-minute tiers when nothing is rolled up yet', async () => {
    const answer = (await query().history('web-1', { from: NOW - 30 * DAY, to: NOW, metrics: ['cpu'] }))!;
    expect(answer).toMatchObject({ tier: '1h', step: HOUR });
    const values = answer.series[0].avg.slice(-6);
    expectClose(values, expected(samples, 'cpu', NOW - 6 * HOUR, NOW, HOUR).avg);
    expect(answer.series[0].avg.slice(0, -6).every((v) => v === null)).toBe(true);
  });

  it('takes a coarser step when asked', async () => {
    const answer = (await query().history('web-1', { from: NOW - HOUR, to: NOW, metrics: ['cpu'], step: 10 * MINUTE }))!;
    expect(answer).toMatchObject({
      tier: '1m',
      step: 10 * MINUTE,
      timestamps: [0, 1, 2, 3, 4, 5].map((i) => NOW - HOUR + i * 10 * MINUTE),
    });
    expectClose(answer.series[0].avg, expected(samples, 'cpu', NOW - HOUR, NOW, 10 * MINUTE).avg);
  });

  it('answers a configured server with no data with empty series, and an unknown one with undefined', async () => {
    const quiet = (await query().history('quiet', { from: NOW - HOUR, to: NOW, metrics: HISTORY_METRICS }))!;
    expect(quiet.series).toEqual([]);
    expect(quiet.timestamps).toHaveLength(720);
    expect(await query().history('other', { from: NOW - HOUR, to: NOW, metrics: HISTORY_METRICS })).toBeUndefined();
  });
});
