import { ConfigServerCatalog } from '../../apps/dashboard/src/catalog/adapters/outbound/config/config-server-catalog';
import { NodeSecretHasher } from '../../apps/dashboard/src/catalog/adapters/outbound/crypto/node-secret.hasher';
import { KyselyCatalogStore } from '../../apps/dashboard/src/catalog/adapters/outbound/kysely/kysely-catalog.store';
import { CatalogIndex } from '../../apps/dashboard/src/catalog/adapters/outbound/memory/catalog-index';
import { LiveCatalog } from '../../apps/dashboard/src/catalog/application/live-catalog';
import type { StorageEngine } from '../../apps/dashboard/src/platform/storage/database';
import { freshStorage, type TestStorage } from '../history/support/test-storage';

/** The board's group order over the real store (migration 007), on each engine, as two replicas over one database see it. */
describe.each<StorageEngine>(['sqlite', 'postgres'])('the group order on %s', (engine) => {
  let storage: TestStorage;
  const replica = () =>
    new LiveCatalog(new ConfigServerCatalog([]), new CatalogIndex(), new KyselyCatalogStore(storage.db), new NodeSecretHasher(), Date.now);

  beforeEach(async () => {
    storage = await freshStorage(engine);
  });
  afterEach(() => storage.db.destroy());

  it('replaces the whole order at once, the largest the API takes included, and another replica reads it on load', async () => {
    const a = replica();
    const b = replica();
    await a.load();
    expect(a.groupOrder()).toEqual([]);
    const many = Array.from({ length: 1000 }, (_, i) => `group ${String(1000 - i).padStart(4, '0')} ${'x'.repeat(240)}`);
    await a.setGroupOrder(many);
    await b.load();
    expect(b.groupOrder()).toEqual(many);
    await b.setGroupOrder(['prod', 'Prod', 'édge', '生产']);
    await a.load();
    expect(a.groupOrder()).toEqual(['prod', 'Prod', 'édge', '生产']);
    await a.setGroupOrder([]);
    await b.load();
    expect(b.groupOrder()).toEqual([]);
  });
});
