import { KyselyTrafficStore } from '../../apps/dashboard/src/traffic/adapters/outbound/kysely/kysely-traffic.store';
import type { StorageEngine } from '../../apps/dashboard/src/platform/storage/database';
import { freshStorage, type TestStorage } from '../history/support/test-storage';

const DAY = 86_400_000;
const D0 = Date.UTC(2026, 0, 1);
/** Past 2^32 and 2^31, as a busy server's monthly totals are. */
const TB = 1e12;

describe.each<StorageEngine>(['sqlite', 'postgres'])('traffic store on %s', (engine) => {
  let storage: TestStorage;
  let store: KyselyTrafficStore;

  beforeEach(async () => {
    storage = await freshStorage(engine);
    store = new KyselyTrafficStore(storage.db);
  });
  afterEach(() => storage.db.destroy());

  it('replaces counters and day totals on each save, keeping an absent boot time absent', async () => {
    await store.save(
      [
        { serverId: 'a', sent: 5 * TB, recv: 7 * TB, bootTime: 1_767_000_000 },
        { serverId: 'b', sent: 1, recv: 2 },
      ],
      [
        { serverId: 'a', day: D0, sent: 1 * TB, recv: 2 * TB },
        { serverId: 'a', day: D0 + DAY, sent: 10, recv: 20 },
      ],
    );
    await store.save(
      [{ serverId: 'a', sent: 6 * TB, recv: 8 * TB, bootTime: 1_767_000_500 }],
      [
        { serverId: 'a', day: D0 + DAY, sent: 30, recv: 40 },
        { serverId: 'b', day: D0 + DAY, sent: 3, recv: 4 },
      ],
    );
    expect(await store.loadCounters()).toEqual([
      { serverId: 'a', sent: 6 * TB, recv: 8 * TB, bootTime: 1_767_000_500 },
      { serverId: 'b', sent: 1, recv: 2 },
    ]);
    expect(await store.days('a', D0, D0 + 31 * DAY)).toEqual([
      { day: D0, sent: 1 * TB, recv: 2 * TB },
      { day: D0 + DAY, sent: 30, recv: 40 },
    ]);
    expect(await store.days('a', D0 + DAY, D0 + 2 * DAY)).toEqual([{ day: D0 + DAY, sent: 30, recv: 40 }]);
    expect(await store.days('a', D0, D0 + DAY)).toEqual([{ day: D0, sent: 1 * TB, recv: 2 * TB }]);
    expect(await store.daysFrom(D0 + DAY)).toEqual([
      { serverId: 'a', day: D0 + DAY, sent: 30, recv: 40 },
      { serverId: 'b', day: D0 + DAY, sent: 3, recv: 4 },
    ]);
    expect(await store.totalsFrom(D0)).toEqual([
      { serverId: 'a', sent: 1 * TB + 30, recv: 2 * TB + 40 },
      { serverId: 'b', sent: 3, recv: 4 },
    ]);
    expect(await store.totalsFrom(D0 + 2 * DAY)).toEqual([]);
  });

  it('writes a large fleet in one call, rounds fractional bytes, and expires the days before a cutoff', async () => {
    const ids = Array.from({ length: 1_234 }, (_, i) => `s${String(i).padStart(4, '0')}`);
    await store.save(
      ids.map((serverId) => ({ serverId, sent: 1.4, recv: 2.6 })),
      ids.flatMap((serverId) => [0, 1, 2].map((d) => ({ serverId, day: D0 + d * DAY, sent: d, recv: 1 }))),
    );
    expect((await store.loadCounters())[7]).toEqual({ serverId: 's0007', sent: 1, recv: 3 });
    expect(await store.expire(D0 + 2 * DAY)).toBe(2 * ids.length);
    expect(await store.days('s0007', 0, D0 + 10 * DAY)).toEqual([{ day: D0 + 2 * DAY, sent: 2, recv: 1 }]);
    expect(await store.expire(D0 + 2 * DAY)).toBe(0);
  });
});
