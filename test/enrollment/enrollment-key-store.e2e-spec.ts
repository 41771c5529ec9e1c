import { NodeSecretHasher } from '../../apps/dashboard/src/catalog';
import { KyselyEnrollmentKeyStore } from '../../apps/dashboard/src/enrollment/adapters/outbound/kysely/kysely-enrollment-key.store';
import { EnrollmentKeyIndex } from '../../apps/dashboard/src/enrollment/adapters/outbound/memory/enrollment-key-index';
import { LiveEnrollmentKeys } from '../../apps/dashboard/src/enrollment/application/live-enrollment-keys';
import type { StoredEnrollmentKey } from '../../apps/dashboard/src/enrollment/application/ports/enrollment-key-store.port';
import type { StorageEngine } from '../../apps/dashboard/src/platform/storage/database';
import { freshStorage, type TestStorage } from '../history/support/test-storage';

const NOW = Date.UTC(2026, 10, 30);

/** The stored enrollment keys (migration 008) and the live keys over them, on each engine. */
describe.each<StorageEngine>(['sqlite', 'postgres'])('enrollment keys on %s', (engine) => {
  let storage: TestStorage;
  let store: KyselyEnrollmentKeyStore;

  beforeEach(async () => {
    storage = await freshStorage(engine);
    store = new KyselyEnrollmentKeyStore(storage.db);
  });
  afterEach(() => storage.db.destroy());

  it('keeps every field, optional ones absent, times as numbers; refuses a second key with the same id', async () => {
    const full: StoredEnrollmentKey = {
      id: 'k1',
      name: 'edge fleet',
      idPattern: 'edge-[0-9]+',
      group: 'edge',
      expiresAt: NOW + 86_400_000,
      revoked: false,
      secretHash: 'a'.repeat(64),
      createdAt: NOW,
      createdBy: 'root',
    };
    const bare: StoredEnrollmentKey = { ...full, id: 'k2', secretHash: 'b'.repeat(64), createdAt: NOW + 1 };
    delete bare.group;
    delete bare.expiresAt;
    await store.insert(bare);
    await store.insert(full);
    expect(await store.list()).toEqual([full, bare]);
    // Matched by message: better-sqlite3's native part keeps the error class of the first test file that loaded it in
    // this jest worker, so its errors are not instances of this file's Error.
    await expect(store.insert({ ...full, secretHash: 'c'.repeat(64) })).rejects.toMatchObject({
      message: expect.stringMatching(
        /UNIQUE constraint failed: enrollment_key\.id|duplicate key value violates unique constraint "enrollment_key_pkey"/,
      ) as string,
    });

    await store.update({ ...full, revoked: true });
    expect((await store.list())[0]).toEqual({ ...full, revoked: true });
    await store.delete('k1');
    expect(await store.list()).toEqual([bare]);
  });

  it('two replicas over the database: a key made on one enrolls on the other after its reload; a revoke too', async () => {
    const replica = () => new LiveEnrollmentKeys([], new EnrollmentKeyIndex(), store, new NodeSecretHasher(), () => NOW);
    const [a, b] = [replica(), replica()];
    const { key, secret } = await a.create({ name: 'k', idPattern: 'node-.*' }, 'root');
    expect(b.find(secret)).toBeUndefined();
    await b.load();
    expect(b.find(secret)?.refusal('node-1', NOW)).toBeUndefined();
    await a.revoke(key.id);
    await b.load();
    expect(b.find(secret)?.refusal('node-1', NOW)).toBe('revoked');
    expect(b.list()).toEqual(a.list());
  });
});
