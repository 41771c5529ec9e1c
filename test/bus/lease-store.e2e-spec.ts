import type { StorageEngine } from '../../apps/dashboard/src/platform/storage/database';
import { KyselyLeaseStore } from '../../apps/dashboard/src/bus/adapters/outbound/kysely/kysely-lease.store';
import { freshStorage, openStorage, type TestStorage } from '../history/support/test-storage';

describe.each<StorageEngine>(['sqlite', 'postgres'])('KyselyLeaseStore on %s', (engine) => {
  let storage: TestStorage;

  beforeEach(async () => {
    storage = await freshStorage(engine);
  });

  afterEach(() => storage.db.destroy());

  it('gives a lease to one of many replicas racing for it over their own connections, and to another once it expired', async () => {
    const replicas = Array.from({ length: 8 }, (_, i) => ({ id: `r${i}`, db: openStorage(engine, storage.location) }));
    try {
      const won = await Promise.all(replicas.map((r) => new KyselyLeaseStore(r.db).acquire('jobs', r.id, 1_000, 16_000)));
      expect(won.filter(Boolean)).toHaveLength(1);
      const holder = replicas[won.indexOf(true)];
      const other = replicas.find((r) => r !== holder)!;
      expect(await new KyselyLeaseStore(holder.db).acquire('jobs', holder.id, 6_000, 21_000)).toBe(true);
      expect(await new KyselyLeaseStore(other.db).acquire('jobs', other.id, 20_999, 35_999)).toBe(false);
      expect(await new KyselyLeaseStore(other.db).acquire('jobs', other.id, 21_001, 36_001)).toBe(true);
      expect(await new KyselyLeaseStore(holder.db).acquire('jobs', holder.id, 21_002, 36_002)).toBe(false);
      // Another lease is another row.
      expect(await new KyselyLeaseStore(holder.db).acquire('other', holder.id, 21_002, 36_002)).toBe(true);
    } finally {
      await Promise.all(replicas.map((r) => r.db.destroy()));
    }
  });

  it("releases only the holder's own lease", async () => {
    const store = new KyselyLeaseStore(storage.db);
    expect(await store.acquire('jobs', 'a', 1_000, 16_000)).toBe(true);
    await store.release('jobs', 'b');
    expect(await store.acquire('jobs', 'b', 2_000, 17_000)).toBe(false);
    await store.release('jobs', 'a');
    expect(await store.acquire('jobs', 'b', 2_000, 17_000)).toBe(true);
  });
});
