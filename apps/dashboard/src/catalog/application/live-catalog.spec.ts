import { tempSqliteDatabase } from '../../../../../test/support/temp-sqlite-store';
import { ConfigServerCatalog } from '../adapters/outbound/config/config-server-catalog';
import { NodeSecretHasher } from '../adapters/outbound/crypto/node-secret.hasher';
import { KyselyCatalogStore } from '../adapters/outbound/kysely/kysely-catalog.store';
import { CatalogIndex } from '../adapters/outbound/memory/catalog-index';
import { LiveCatalog, ReadOnlyServerError, UnknownServerError, type CatalogChange } from './live-catalog';
import { ServerIdTakenError } from './ports/server-registration.port';

describe('LiveCatalog over a real SQLite file', () => {
  let close: () => Promise<void>;
  /** Two dashboards over one database, as replicas behind a Service are. */
  let a: LiveCatalog;
  let b: LiveCatalog;
  let changesOfB: CatalogChange[];

  beforeEach(async () => {
    const opened = await tempSqliteDatabase();
    close = opened.close;
    const replica = () =>
      new LiveCatalog(
        new ConfigServerCatalog([{ id: 'cfg', secret: 'config secret' }]),
        new CatalogIndex(),
        new KyselyCatalogStore(opened.db),
        new NodeSecretHasher(),
        () => 1_000,
      );
    a = replica();
    b = replica();
    changesOfB = [];
    b.changes.subscribe((c) => changesOfB.push(c));
  });
  afterEach(() => close());

  it('admits a registered server at once, by its secret only, and lists it after the config file’s', async () => {
    const { secret } = await a.register({ id: 'web', name: 'Web' }, 'key');
    expect(a.authenticate('web', secret)).toMatchObject({ id: 'web', name: 'Web', via: 'key' });
    expect(a.authenticate('web', `${secret}x`)).toBeUndefined();
    expect(a.authenticate('web', undefined)).toBeUndefined();
    expect(a.authenticate('cfg', 'config secret')).toMatchObject({ id: 'cfg' });
    expect(a.list().map((e) => e.id)).toEqual(['cfg', 'web']);
  });

  it('refuses a taken id: the config file’s, a stored one, one being registered, one another replica stored', async () => {
    await expect(a.register({ id: 'cfg' }, 'admin')).rejects.toBeInstanceOf(ServerIdTakenError);
    const first = a.register({ id: 'twice' }, 'key');
    await expect(a.register({ id: 'twice' }, 'key')).rejects.toBeInstanceOf(ServerIdTakenError);
    await first;
    await expect(a.register({ id: 'twice' }, 'key')).rejects.toBeInstanceOf(ServerIdTakenError);
    // b has not loaded 'twice' yet: the database refuses the duplicate, and b says why.
    await expect(b.register({ id: 'twice' }, 'key')).rejects.toBeInstanceOf(ServerIdTakenError);
  });

  it('keeps the group order in the database: replaced whole, read back by another replica when it loads', async () => {
    expect(a.groupOrder()).toEqual([]);
    await a.setGroupOrder(['prod', 'edge', 'lab']);
    await a.setGroupOrder(['lab', 'prod']);
    expect(a.groupOrder()).toEqual(['lab', 'prod']);
    expect(b.groupOrder()).toEqual([]);
    await b.load();
    expect(b.groupOrder()).toEqual(['lab', 'prod']);
    await b.setGroupOrder([]);
    await a.load();
    expect(a.groupOrder()).toEqual([]);
  });

  it('gives each stored server its weight in its entry, config-file servers none', async () => {
    await a.register({ id: 'web' }, 'admin', { weight: 30 });
    expect(a.get('web')?.weight).toBe(30);
    await a.edit('web', { weight: 10 });
    expect(a.get('web')?.weight).toBe(10);
    expect(a.get('cfg')?.weight).toBeUndefined();
  });

  it('lets another replica see additions, edits, rotations and removals when it loads', async () => {
    const { secret } = await a.register({ id: 'web' }, 'admin');
    await b.load();
    expect(b.authenticate('web', secret)).toBeDefined();
    await a.edit('web', { hidden: true, tags: ['x'] });
    const rotated = await a.rotateSecret('web');
    await b.load();
    expect(b.get('web')).toMatchObject({ hidden: true });
    expect(b.authenticate('web', secret)).toBeUndefined();
    expect(b.authenticate('web', rotated)).toBeDefined();
    await a.remove('web', true);
    await b.load();
    expect(b.get('web')).toBeUndefined();
    expect(changesOfB).toEqual([
      { kind: 'added', id: 'web' },
      { kind: 'revoked', id: 'web' },
      { kind: 'updated', id: 'web' },
      { kind: 'revoked', id: 'web' },
      { kind: 'removed', id: 'web', purgeHistory: false },
    ]);
  });

  it('changes only stored servers', async () => {
    await expect(a.edit('cfg', { name: 'x' })).rejects.toBeInstanceOf(ReadOnlyServerError);
    await expect(a.rotateSecret('nobody')).rejects.toBeInstanceOf(UnknownServerError);
    await expect(a.remove('cfg', false)).rejects.toBeInstanceOf(ReadOnlyServerError);
  });
});
