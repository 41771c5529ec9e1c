import { exampleServerInfo } from '@sss/contracts';
import { type Sample, sampleOf, type ServerSample } from '../../apps/dashboard/src/history/domain/sample';
import { HistoryMaintenance } from '../../apps/dashboard/src/history/application/history-maintenance';
import { KyselyHistoryStore } from '../../apps/dashboard/src/history/adapters/outbound/kysely/kysely-history.store';
import { DEFAULT_RETENTION } from '../../apps/dashboard/src/history/domain/tiers';
import type { StorageEngine } from '../../apps/dashboard/src/platform/storage/database';
import { serversOfOneBucket } from './support/one-bucket';
import { freshStorage, type TestStorage } from './support/test-storage';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** A round start, so windows of every tier begin here. */
const T0 = Date.UTC(2026, 0, 5);

const at = (ms: number, values: Sample['values']): Sample => ({ at: T0 + ms, values });
const of = (serverId: string, samples: Sample[]): ServerSample[] => samples.map((sample) => ({ serverId, sample }));
/** One report every 5 s over [from, to) with cpu rising by 1 each time. */
const reports = (from: number, to: number, extra: Sample['values'] = {}): Sample[] =>
  Array.from({ length: (to - from) / 5000 }, (_, i) => at(from + i * 5000, { cpu: i % 100, mem: 1024 ** 2 * (1000 + i), ...extra }));

describe.each<StorageEngine>(['sqlite', 'postgres'])('history store on %s', (engine) => {
  let storage: TestStorage;
  let store: KyselyHistoryStore;

  beforeEach(async () => {
    storage = await freshStorage(engine);
    store = new KyselyHistoryStore(storage.db, engine);
  });

  afterEach(() => storage.db.destroy());

  it('reads back what it wrote, before and after packing, transitions newest first', async () => {
    const samples = reports(0, 20 * MIN, { 'disk.used /': 5 * 1024 ** 3, 'net.sent': 123_456_789_012 });
    await store.append(of('a', samples), [
      { serverId: 'a', at: T0, online: true, cause: 'report' },
      { serverId: 'a', at: T0 + 20 * MIN, online: false, cause: 'silence' },
    ]);
    await store.append(of('b', [at(0, { cpu: 50 })]), []);
    expect(await store.samples('a', 'raw', T0, T0 + HOUR)).toEqual(samples);
    // Windows that ended before T0 + 10 min are packed; the second window is still open.
    expect(await store.compact(T0 + 15 * MIN, 100)).toBe(2);
    expect(await store.samples('a', 'raw', T0, T0 + HOUR)).toEqual(samples);
    expect(await store.samples('a', 'raw', T0 + 5 * MIN, T0 + 5 * MIN + 10_000)).toEqual(samples.slice(60, 62));
    expect((await store.usage()).tiers.find((t) => t.tier === 'raw')?.samples).toBe(samples.length + 1);
    expect(await store.transitions('a', Number.MAX_SAFE_INTEGER, 10)).toEqual([
      { serverId: 'a', at: T0 + 20 * MIN, online: false, cause: 'silence' },
      { serverId: 'a', at: T0, online: true, cause: 'report' },
    ]);
    expect(await store.transitions('a', T0 + 20 * MIN, 10)).toHaveLength(1);
  });

  it('stores report texts as the samples of their readings, with their transitions', async () => {
    const first = exampleServerInfo({ serverId: 'a', cpu: { percent: 12.5, cores: 2, modelName: 'test' } });
    const second = exampleServerInfo({ serverId: 'b', cpu: { percent: 80, cores: 2, modelName: 'test' } });
    const online = { serverId: 'b', at: T0, online: true, cause: 'report' as const };
    await store.appendReports({ serverIds: ['a', 'b'], texts: [JSON.stringify(first), JSON.stringify(second)], at: [T0, T0 + 5_000] }, [
      online,
    ]);
    expect(await store.samples('a', 'raw', T0, T0 + HOUR)).toEqual([sampleOf(first, T0)]);
    expect(await store.samples('b', 'raw', T0, T0 + HOUR)).toEqual([sampleOf(second, T0 + 5_000)]);
    expect((await store.samples('b', 'raw', T0, T0 + HOUR))[0].values.cpu).toBe(80);
    expect(await store.transitions('b', Number.MAX_SAFE_INTEGER, 10)).toEqual([online]);
  });

  it('merges a late report into its packed window and keeps a report per second', async () => {
    await store.append(of('a', [at(0, { cpu: 1 }), at(10_000, { cpu: 3 })]), []);
    await store.compact(T0 + HOUR, 100);
    await store.append(of('a', [at(5_000, { cpu: 2 }), at(10_000, { cpu: 4 })]), []);
    await store.compact(T0 + HOUR, 100);
    expect((await store.samples('a', 'raw', T0, T0 + HOUR)).map((s) => s.values.cpu)).toEqual([1, 2, 4]);
  });

  it('keeps the last of several reports of one server within one second written at once', async () => {
    // An agent reporting more often than every second: one write holds several rows for one (server, second).
    await store.append(of('a', [at(0, { cpu: 1 }), at(200, { cpu: 2 }), at(400, { cpu: 3 }), at(1_000, { cpu: 4 })]), []);
    expect((await store.samples('a', 'raw', T0, T0 + HOUR)).map((s) => s.values.cpu)).toEqual([3, 4]);
  });

  it('keeps the later of two writes of one server’s second, before and after packing', async () => {
    await store.append(of('a', [at(0, { cpu: 1 }), at(5_000, { cpu: 5 })]), []);
    await store.append(of('a', [at(300, { cpu: 2 })]), []);
    const cpu = async () => (await store.samples('a', 'raw', T0, T0 + HOUR)).map((s) => s.values.cpu);
    expect(await cpu()).toEqual([2, 5]);
    await store.compact(T0 + HOUR, 100);
    expect(await cpu()).toEqual([2, 5]);
  });

  it('purges a server from the staging rows it shares with the others of its bucket', async () => {
    const ids = serversOfOneBucket(3);
    await store.append(
      ids.flatMap((id, i) => of(id, [at(0, { cpu: i }), at(5_000, { cpu: i })])),
      [],
    );
    await store.append(of(ids[0], [at(10_000, { cpu: 9 })]), []); // a row of its own
    await store.purge(ids[0]);
    expect(await store.samples(ids[0], 'raw', T0, T0 + HOUR)).toEqual([]);
    for (const i of [1, 2]) expect(await store.samples(ids[i], 'raw', T0, T0 + HOUR)).toEqual([at(0, { cpu: i }), at(5_000, { cpu: i })]);
    expect((await store.usage()).tiers.find((t) => t.tier === 'raw')?.samples).toBe(4);
    const rows = await storage.db
      .selectFrom('history_staging')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(2);
  });

  it('rolls the raw tier up only once everything due is packed', async () => {
    // More server-windows than one maintenance run packs (20 calls of about 200 servers).
    const ids = Array.from({ length: 6_000 }, (_, i) => `m${i}`);
    await store.append(
      ids.flatMap((id) => of(id, [at(0, { cpu: 1 })])),
      [],
    );
    const maintenance = new HistoryMaintenance(store, {
      retention: DEFAULT_RETENTION,
      maxBytes: Number.MAX_SAFE_INTEGER,
      now: () => T0 + 2 * HOUR + 2 * MIN,
    });
    await maintenance.run();
    expect(await store.mark('rollup:1m')).toBeNull();
    for (let runs = 0; runs < 5 && ((await store.mark('rollup:1m')) ?? 0) < T0 + 2 * HOUR; runs++) await maintenance.run();
    expect(await store.mark('rollup:1m')).toBe(T0 + 2 * HOUR);
    for (const id of [ids[0], ids[5_999]])
      expect(await store.samples(id, '1m', T0, T0 + HOUR)).toEqual([{ ...at(0, { cpu: 1 }), max: { cpu: 1 } }]);
  }, 60_000);

  it('rolls up to the averages and maxima computed by hand, counters keeping their last value', async () => {
    // Minute 0: cpu 10, 20, 60; minute 1: cpu 40. net.sent counts up.
    await store.append(
      of('a', [
        at(0, { cpu: 10, 'net.sent': 100 }),
        at(20_000, { cpu: 20, 'net.sent': 200 }),
        at(40_000, { cpu: 60, 'net.sent': 300 }),
        at(MIN, { cpu: 40, 'net.sent': 400 }),
      ]),
      [],
    );
    expect(await store.rollUp({ tier: '1m', from: T0, to: T0 + 2 * HOUR, limit: 10 })).toBeNull();
    expect(await store.samples('a', '1m', T0, T0 + 2 * HOUR)).toEqual([
      { at: T0, values: { cpu: 30, 'net.sent': 300 }, max: { cpu: 60 } },
      { at: T0 + MIN, values: { cpu: 40, 'net.sent': 400 }, max: { cpu: 40 } },
    ]);
    // The next tier rolls up roll-ups: the 15-minute step averages the minute averages and keeps the highest maximum.
    await store.rollUp({ tier: '15m', from: T0, to: T0 + 24 * HOUR, limit: 10 });
    expect(await store.samples('a', '15m', T0, T0 + 24 * HOUR)).toEqual([
      { at: T0, values: { cpu: 35, 'net.sent': 400 }, max: { cpu: 60 } },
    ]);
  });

  it('rolls up server by server in pages, and again without duplicates', async () => {
    for (const id of ['c', 'a', 'b']) await store.append(of(id, [at(0, { cpu: 1 })]), []);
    const job = { tier: '1m' as const, from: T0, to: T0 + 2 * HOUR, limit: 2 };
    expect(await store.rollUp(job)).toBe('b');
    expect(await store.rollUp({ ...job, after: 'b' })).toBeNull();
    expect(await store.rollUp(job)).toBe('b');
    for (const id of ['a', 'b', 'c']) expect(await store.samples(id, '1m', T0, T0 + HOUR)).toHaveLength(1);
  });

  it('expires exactly what ended before the cutoff', async () => {
    await store.append(of('a', reports(0, 30 * MIN)), []);
    await store.compact(T0 + HOUR, 100);
    await store.append(of('a', reports(30 * MIN, 31 * MIN)), []);
    // Chunks: [0,10) [10,20) [20,30) packed; [30,31) staged. Cut at 20 min: the first two go (they end at 9:55 and 19:55).
    await store.expire('raw', T0 + 20 * MIN, 1000);
    const left = await store.samples('a', 'raw', T0, T0 + HOUR);
    expect(left[0].at).toBe(T0 + 20 * MIN);
    expect(left).toHaveLength(132);
    expect(await store.expire('raw', T0 + 30 * MIN + 10_000, 1000)).toBe(3);
    expect((await store.samples('a', 'raw', T0, T0 + HOUR))[0].at).toBe(T0 + 30 * MIN + 10_000);
  });

  it('gives every server’s transitions of a window, each with the last one before it', async () => {
    const t = (serverId: string, min: number, online: boolean) => ({
      serverId,
      at: T0 + min * MIN,
      online,
      cause: online ? ('report' as const) : ('silence' as const),
    });
    await store.append([], [t('a', 0, true), t('a', 5, false), t('a', 20, true), t('b', 1, true), t('c', 30, true), t('c', 40, false)]);
    expect(await store.windowTransitions(T0 + 10 * MIN, T0 + 35 * MIN)).toEqual([
      t('b', 1, true),
      t('a', 5, false),
      t('a', 20, true),
      t('c', 30, true),
    ]);
  });

  it('keeps marks across calls', async () => {
    expect(await store.mark('rollup:1m')).toBeNull();
    await store.setMark('rollup:1m', T0);
    await store.setMark('rollup:1m', T0 + HOUR);
    expect(await store.mark('rollup:1m')).toBe(T0 + HOUR);
  });

  it('stays under its size cap, trimming the oldest raw data first, and keeps what the roll-ups hold', async () => {
    const empty = await store.size();
    const maintain = (maxBytes: number, now: number) =>
      new HistoryMaintenance(store, { retention: DEFAULT_RETENTION, maxBytes, now: () => now }).run();
    // 36 hours of 4 servers arriving an hour at a time, maintained after each.
    for (let t = 0; t < 36 * HOUR; t += HOUR) {
      for (const id of ['a', 'b', 'c', 'd']) await store.append(of(id, reports(t, t + HOUR, { 'disk.used /': 1e9, 'net.in': 5e5 })), []);
      await maintain(Number.MAX_SAFE_INTEGER, T0 + t + HOUR + 2 * MIN);
    }
    const now = T0 + 36 * HOUR + 2 * MIN;
    const full = await store.size();
    const rolled = await store.samples('a', '1m', T0, now);
    expect(rolled.length).toBeGreaterThan(30 * 60);

    const cap = empty + Math.floor((full - empty) * 0.7);
    for (let i = 0; i < 10 && (await store.size()) > cap; i++) await maintain(cap, now);
    expect(await store.size()).toBeLessThanOrEqual(cap);
    const raw = await store.samples('a', 'raw', T0, now);
    expect(raw[0].at).toBeGreaterThan(T0); // the oldest raw data went
    expect(raw[raw.length - 1].at).toBe(T0 + 36 * HOUR - 5000); // the newest stayed
    expect(await store.samples('a', '1m', T0, now)).toEqual(rolled);
  }, 120_000);
});
