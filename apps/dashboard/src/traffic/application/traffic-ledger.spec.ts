import { exampleServerInfo, type ServerInfo } from '@sss/contracts';
import type { Kysely } from 'kysely';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigServerCatalog } from '../../catalog/adapters/outbound/config/config-server-catalog';
import type { Database } from '../../platform/storage/database';
import { migrate } from '../../platform/storage/migrations/migrate';
import { openSqlite } from '../../platform/storage/open-sqlite';
import { KyselyTrafficStore } from '../adapters/outbound/kysely/kysely-traffic.store';
import type { TrafficStore } from './ports/traffic-store.port';
import { TrafficLedger } from './traffic-ledger';
import { TrafficQuery } from './traffic-query';

const utc = (iso: string) => Date.parse(iso);
const GB = 1e9;

/** A report whose counters say `sent` and `recv` bytes since the boot at `bootTime` (Unix s). */
const report = (sent: number, recv: number, bootTime?: number): ServerInfo => {
  const info = exampleServerInfo({ serverId: 'vps' });
  return { ...info, network: { ...info.network, bytesSent: sent, bytesRecv: recv }, system: { ...info.system, bootTime } };
};

describe('TrafficLedger and TrafficQuery over a real SQLite file', () => {
  let db: Kysely<Database>;
  let store: KyselyTrafficStore;
  let now: number;
  const catalog = new ConfigServerCatalog([
    { id: 'vps', secret: 's', traffic: { resetDay: 31, quotaBytes: 100 * GB, direction: 'sum' } },
    { id: 'plain', secret: 's' },
  ]);
  /** A ledger as a fresh dashboard process has it: restored from the store. */
  const started = async () => {
    const ledger = new TrafficLedger(store, catalog);
    await ledger.restore(now);
    return { ledger, query: new TrafficQuery(store, ledger, catalog, () => now) };
  };

  beforeEach(async () => {
    db = openSqlite(join(mkdtempSync(join(tmpdir(), 'sss-traffic-')), 'sss.db'));
    await migrate(db, 'sqlite');
    store = new KyselyTrafficStore(db);
  });
  afterEach(() => db.destroy());

  it('counts across a reboot, a counter reset and a restart, each period apart, with quota and percent', async () => {
    now = utc('2026-02-27T22:00:00Z');
    let { ledger, query } = await started();
    ledger.record('vps', report(10 * GB, 20 * GB, 1_000), now); // baseline: nothing known before it
    ledger.record('vps', report(11 * GB, 22 * GB, 1_000), (now += 60_000)); // +1 sent, +2 recv
    ledger.record('vps', report(2 * GB, 1 * GB, 5_000), (now += 60_000)); // reboot: +2, +1
    ledger.record('vps', report(3 * GB, 2 * GB, 5_000), (now += 60_000)); // +1, +1
    expect((await query.traffic('vps', 1))!.periods[0]).toMatchObject({ sent: 4 * GB, recv: 4 * GB, used: 8 * GB });
    await ledger.save();

    // The dashboard restarts on Feb 28 (a new period for reset day 31 in 2026); the host moved 5 + 5 GB meanwhile.
    now = utc('2026-02-28T01:00:00Z');
    ({ ledger, query } = await started());
    ledger.record('vps', report(8 * GB, 7 * GB, 5_000), now);
    // A counter went backwards without a boot time change (counters reset): the new values count from zero.
    ledger.record('vps', report(1 * GB, 9 * GB, 5_000), (now += 60_000));
    const answer = (await query.traffic('vps', 2))!;
    expect(answer).toEqual({
      serverId: 'vps',
      resetDay: 31,
      quotaBytes: 100 * GB,
      direction: 'sum',
      percent: 20,
      periods: [
        { start: utc('2026-02-28T00:00:00Z'), end: utc('2026-03-31T00:00:00Z'), sent: 6 * GB, recv: 14 * GB, used: 20 * GB },
        { start: utc('2026-01-31T00:00:00Z'), end: utc('2026-02-28T00:00:00Z'), sent: 4 * GB, recv: 4 * GB, used: 8 * GB },
      ],
    });
    expect(query.overview().vps).toEqual({ ...answer.periods[0], quotaBytes: 100 * GB, percent: 20 });
    expect(query.overview().plain).toMatchObject({ start: utc('2026-02-01T00:00:00Z'), used: 0, quotaBytes: null, percent: null });

    // Saved and restarted again: the same figures from the store alone.
    await ledger.save();
    ({ query } = await started());
    expect(await query.traffic('vps', 2)).toEqual(answer);
    expect(query.overview().vps).toEqual({ ...answer.periods[0], quotaBytes: 100 * GB, percent: 20 });
    expect(await query.traffic('nope', 1)).toBeUndefined();
  });

  it('keeps a day that ended before it was saved through a failed write, and counts nothing twice', async () => {
    // The real store, made to refuse one write as a database that went away would.
    let refuse = false;
    const flaky: TrafficStore = {
      ...bound(store),
      save: (counters, days) => (refuse ? Promise.reject(new Error('database gone')) : store.save(counters, days)),
    };
    now = utc('2026-05-10T23:59:00Z');
    const ledger = new TrafficLedger(flaky, catalog);
    await ledger.restore(now);
    ledger.record('vps', report(0, 0, 1), now);
    ledger.record('vps', report(100, 200, 1), (now += 30_000));
    await ledger.save();
    ledger.record('vps', report(130, 250, 1), (now += 10_000));
    refuse = true;
    await expect(ledger.save()).rejects.toThrow('database gone');
    ledger.record('vps', report(150, 300, 1), (now += 60_000)); // May 11
    refuse = false;
    await ledger.save();
    await ledger.save();

    expect(await store.days('vps', utc('2026-05-01T00:00:00Z'), utc('2026-06-01T00:00:00Z'))).toEqual([
      { day: utc('2026-05-10T00:00:00Z'), sent: 130, recv: 250 },
      { day: utc('2026-05-11T00:00:00Z'), sent: 20, recv: 50 },
    ]);
    expect(await store.loadCounters()).toEqual([{ serverId: 'vps', sent: 150, recv: 300, bootTime: 1 }]);
  });

  it('saves nothing before it restored (a fresh count would replace stored days), then adds all it missed', async () => {
    now = utc('2026-07-01T10:00:00Z');
    const first = (await started()).ledger;
    first.record('vps', report(0, 0, 1), now);
    first.record('vps', report(1_000, 2_000, 1), (now += 1_000));
    await first.save();

    const ledger = new TrafficLedger(store, catalog); // its restore failed at start, or has not finished
    const query = new TrafficQuery(store, ledger, catalog, () => now);
    ledger.record('vps', report(1_500, 2_500, 1), (now += 1_000)); // nothing known yet
    ledger.record('vps', report(1_600, 2_600, 1), (now += 1_000));
    await ledger.save();
    expect(await store.days('vps', 0, now)).toEqual([{ day: utc('2026-07-01T00:00:00Z'), sent: 1_000, recv: 2_000 }]);
    // Meanwhile the API answers what is stored, not a partial count.
    expect((await query.traffic('vps', 1))!.periods[0]).toMatchObject({ sent: 1_000, recv: 2_000 });
    await ledger.restore(now);
    await ledger.save();
    // Stored 1,000/2,000, then 500/500 from the stored counters to the first report, then 100/100.
    expect(await store.days('vps', 0, now)).toEqual([{ day: utc('2026-07-01T00:00:00Z'), sent: 1_600, recv: 2_600 }]);
    expect((await query.traffic('vps', 1))!.periods[0]).toMatchObject({ sent: 1_600, recv: 2_600 });
  });
});

/** The store's methods bound to it, to build a store that differs in one. */
function bound(store: KyselyTrafficStore): TrafficStore {
  return {
    save: store.save.bind(store),
    loadCounters: store.loadCounters.bind(store),
    daysFrom: store.daysFrom.bind(store),
    totalsFrom: store.totalsFrom.bind(store),
    days: store.days.bind(store),
    expire: store.expire.bind(store),
    purge: store.purge.bind(store),
  };
}
