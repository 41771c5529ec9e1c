import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/storage/database';
import { migrate } from '../../platform/storage/migrations/migrate';
import { openSqlite } from '../../platform/storage/open-sqlite';
import { KyselyLeaseStore } from '../adapters/outbound/kysely/kysely-lease.store';
import { Lease } from './lease';
import type { LeaseStore } from './ports/lease-store.port';

describe('Lease', () => {
  let db: Kysely<Database>;
  let store: LeaseStore;
  let time: number;
  const lease = (holder: string, over: LeaseStore = store) => new Lease(over, { name: 'jobs', holder, ttlMs: 15_000, now: () => time });

  beforeEach(async () => {
    db = openSqlite(join(mkdtempSync(join(tmpdir(), 'sss-lease-')), 'sss.db'));
    await migrate(db, 'sqlite');
    store = new KyselyLeaseStore(db);
    time = 1_000_000;
  });

  afterEach(() => db.destroy());

  it('is held by one replica at a time, kept by renewing, taken over only once it expired', async () => {
    const [a, b] = [lease('a'), lease('b')];
    expect([a.held, b.held]).toEqual([false, false]);
    await a.renew();
    await b.renew();
    expect([a.held, b.held]).toEqual([true, false]);
    time += 5_000;
    await a.renew();
    time += 11_000; // past a's first expiry, within its renewal
    await b.renew();
    expect([a.held, b.held]).toEqual([true, false]);
    time += 15_001; // a stopped renewing (killed): its lease runs out, and b takes it
    expect(a.held).toBe(false);
    await b.renew();
    expect(b.held).toBe(true);
    await a.renew();
    expect(a.held).toBe(false);
  });

  it('stops counting itself the holder before the stored lease expires, while the store cannot be reached', async () => {
    const a = lease('a');
    await a.renew();
    const unreachable: LeaseStore = { acquire: () => Promise.reject(new Error('down')), release: () => Promise.reject(new Error('down')) };
    const cut = lease('a', unreachable);
    await expect(cut.renew()).rejects.toThrow('down');
    time += 11_999;
    expect(a.held).toBe(true);
    time += 1; // four fifths of the ttl: another replica may take it only after the full ttl
    expect(a.held).toBe(false);
  });

  it('when released, is free for another replica at once', async () => {
    const [a, b] = [lease('a'), lease('b')];
    await a.renew();
    await a.release();
    expect(a.held).toBe(false);
    await b.renew();
    expect(b.held).toBe(true);
    await a.release(); // not a's any more: b keeps it
    time += 1_000;
    await b.renew();
    expect(b.held).toBe(true);
  });
});
