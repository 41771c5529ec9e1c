import { tempSqliteDatabase } from '../../../../../test/support/temp-sqlite-store';
import { NodeSecretHasher } from '../../catalog';
import { KyselyEnrollmentKeyStore } from '../adapters/outbound/kysely/kysely-enrollment-key.store';
import { EnrollmentKeyIndex } from '../adapters/outbound/memory/enrollment-key-index';
import { LiveEnrollmentKeys, ReadOnlyKeyError, UnknownKeyError } from './live-enrollment-keys';

const NOW = 1_800_000_000_000;
const CONFIGURED = [
  { secret: 'configured key', idPattern: 'node-[0-9]+', group: 'edge', revoked: false },
  { secret: 'old configured key', idPattern: '.*', revoked: true },
];

describe('LiveEnrollmentKeys over a real SQLite file', () => {
  let close: () => Promise<void>;
  let store: KyselyEnrollmentKeyStore;
  /** Two dashboards over one database, as replicas behind a Service are. */
  let a: LiveEnrollmentKeys;
  let b: LiveEnrollmentKeys;

  beforeEach(async () => {
    const opened = await tempSqliteDatabase();
    close = opened.close;
    store = new KyselyEnrollmentKeyStore(opened.db);
    const replica = () => new LiveEnrollmentKeys(CONFIGURED, new EnrollmentKeyIndex(), store, new NodeSecretHasher(), () => NOW);
    a = replica();
    b = replica();
  });
  afterEach(() => close());

  it("answers the config file's keys, read-only, listed without secrets", async () => {
    expect(a.any).toBe(true);
    expect(a.find('configured key')?.refusal('node-1', NOW)).toBeUndefined();
    expect(a.find('configured key')?.refusal('node-1x', NOW)).toBe('id-not-allowed');
    expect(a.find('old configured key')?.refusal('x', NOW)).toBe('revoked');
    expect(a.find('configured ke')).toBeUndefined();
    expect(a.list()).toEqual([
      { id: 'config-1', source: 'config', name: 'enrollment.keys[0]', idPattern: 'node-[0-9]+', group: 'edge', revoked: false },
      { id: 'config-2', source: 'config', name: 'enrollment.keys[1]', idPattern: '.*', revoked: true },
    ]);
    await expect(a.revoke('config-1')).rejects.toBeInstanceOf(ReadOnlyKeyError);
    await expect(a.remove('config-2')).rejects.toBeInstanceOf(ReadOnlyKeyError);
    await expect(a.revoke('nope')).rejects.toBeInstanceOf(UnknownKeyError);
  });

  it('makes a key that enrolls at once, stores only its hash, and lists it after the config ones', async () => {
    const { key, secret } = await a.create({ name: 'edge', idPattern: 'edge-.*', group: 'g', expiresAt: NOW + 1000 }, 'root');
    expect(secret).toMatch(/^[\w-]{32}$/);
    expect(key).toEqual({
      id: expect.stringMatching(/^[\w-]{16}$/) as string,
      source: 'stored',
      name: 'edge',
      idPattern: 'edge-.*',
      group: 'g',
      expiresAt: NOW + 1000,
      revoked: false,
      createdAt: NOW,
      createdBy: 'root',
    });
    expect(secret.startsWith(key.id)).toBe(false);
    expect(a.find(secret)?.refusal('edge-1', NOW)).toBeUndefined();
    expect(a.find(secret)?.refusal('edge-1', NOW + 1000)).toBe('expired');
    expect(a.list().map((k) => k.id)).toEqual(['config-1', 'config-2', key.id]);
    const [stored] = await store.list();
    expect(stored.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await store.list())).not.toContain(secret);
  });

  it('a revoked key stops enrolling at once here, and on another replica once it loads again', async () => {
    const { key, secret } = await a.create({ name: 'k', idPattern: '.*' }, 'root');
    await b.load();
    expect(b.find(secret)?.refusal('x', NOW)).toBeUndefined();

    expect(await a.revoke(key.id)).toMatchObject({ id: key.id, revoked: true });
    expect(a.find(secret)?.refusal('x', NOW)).toBe('revoked');
    expect(b.find(secret)?.refusal('x', NOW)).toBeUndefined(); // until its next load
    await b.load();
    expect(b.find(secret)?.refusal('x', NOW)).toBe('revoked');
    expect(b.list().find((k) => k.id === key.id)?.revoked).toBe(true);
  });

  it('a deleted key admits nothing, here at once and on another replica once it loads again', async () => {
    const { key, secret } = await a.create({ name: 'k', idPattern: '.*' }, 'root');
    await b.load();
    await a.remove(key.id);
    expect(a.find(secret)).toBeUndefined();
    expect(a.list().map((k) => k.id)).toEqual(['config-1', 'config-2']);
    await b.load();
    expect(b.find(secret)).toBeUndefined();
    await expect(a.remove(key.id)).rejects.toBeInstanceOf(UnknownKeyError);
  });

  it('with no keys at all, says so', async () => {
    const none = new LiveEnrollmentKeys([], new EnrollmentKeyIndex(), store, new NodeSecretHasher(), () => NOW);
    expect(none.any).toBe(false);
    await none.create({ name: 'k', idPattern: '.*' }, 'root');
    expect(none.any).toBe(true);
  });
});
