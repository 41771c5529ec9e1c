import { Log } from '@sss/log';
import { KyselyAccountStore } from '../../apps/dashboard/src/accounts/adapters/outbound/kysely/kysely-account.store';
import { KyselyAuditStore } from '../../apps/dashboard/src/accounts/adapters/outbound/kysely/kysely-audit.store';
import { NodeAccountCrypto } from '../../apps/dashboard/src/accounts/adapters/outbound/crypto/node-account.crypto';
import { ApiTokens } from '../../apps/dashboard/src/accounts/application/api-tokens';
import { AuditTrail } from '../../apps/dashboard/src/accounts/application/audit-trail';
import { UserAdmin } from '../../apps/dashboard/src/accounts/application/user-admin';
import type { StorageEngine } from '../../apps/dashboard/src/platform/storage/database';
import { freshStorage, type TestStorage } from '../history/support/test-storage';

const DAY = 86_400_000;
const ANN = { name: 'ann', remote: '192.0.2.1' };

/** The users, tokens and audit log use cases over the real stores, on each engine. */
describe.each<StorageEngine>(['sqlite', 'postgres'])('accounts administration on %s', (engine) => {
  let storage: TestStorage;
  let now: number;
  let accounts: KyselyAccountStore;
  let audit: AuditTrail;
  const crypto = new NodeAccountCrypto();
  const logged: string[] = [];
  const log = new Log('test', { sink: { write: (line) => logged.push(line) } });

  beforeEach(async () => {
    storage = await freshStorage(engine);
    now = Date.UTC(2026, 10, 30);
    accounts = new KyselyAccountStore(storage.db);
    audit = new AuditTrail(new KyselyAuditStore(storage.db), log, { retentionMs: 30 * DAY, now: () => now });
  });
  afterEach(() => storage.db.destroy());

  it('never removes or demotes the last admin, and ends the sessions of a removed user', async () => {
    const users = new UserAdmin(accounts, crypto, audit, undefined);
    expect(await users.add('ann', 'admin', 'ann password!', ANN)).toBeUndefined();
    expect(await users.add('ann', 'viewer', 'ann password!', ANN)).toBe('exists');
    expect(await users.add('bob', 'viewer', 'bob password!', ANN)).toBeUndefined();
    expect(await users.update('ann', { role: 'viewer' }, ANN)).toBe('last-admin');
    expect(await users.remove('ann', ANN)).toBe('last-admin');
    expect(await users.update('bob', { role: 'admin' }, ANN)).toEqual({ username: 'bob', role: 'admin', source: 'stored' });
    // Two admins demoting each other at once: one change passes, the other finds the last admin.
    const both = await Promise.all([users.update('ann', { role: 'viewer' }, ANN), users.update('bob', { role: 'viewer' }, ANN)]);
    expect(both.filter((answer) => answer === 'last-admin')).toHaveLength(1);
    expect(await accounts.countAdmins()).toBe(1);

    await accounts.createSession({ tokenHash: 'h1', username: 'bob', createdAt: now, lastSeenAt: now });
    await users.update('bob', { role: 'admin' }, ANN);
    expect(await users.remove('ann', ANN)).toBeUndefined();
    expect(await users.remove('ann', ANN)).toBe('unknown');
    expect(await users.list()).toEqual([{ username: 'bob', role: 'admin', source: 'stored' }]);
    await accounts.createSession({ tokenHash: 'h2', username: 'bob', createdAt: now, lastSeenAt: now });
    await users.update('bob', { password: 'another password' }, ANN);
    expect(await accounts.findSession('h2')).toBeUndefined();
  });

  it("counts the config file's admin, which is listed and never changed here", async () => {
    const root = { username: 'root', role: 'admin' as const, passwordHash: '$argon2id$x' };
    const users = new UserAdmin(accounts, crypto, audit, root);
    await users.add('ann', 'admin', 'ann password!', ANN);
    expect(await users.remove('ann', ANN)).toBeUndefined(); // root is still an admin
    expect(await users.remove('root', ANN)).toBe('set-in-config');
    expect(await users.update('root', { role: 'viewer' }, ANN)).toBe('set-in-config');
    expect(await users.add('root', 'viewer', 'some password', ANN)).toBe('exists');
    expect(await users.list()).toEqual([{ username: 'root', role: 'admin', source: 'config' }]);
  });

  it('makes tokens that authenticate with their scope until revoked or expired, and lists them without secrets', async () => {
    const tokens = new ApiTokens(accounts, crypto, audit, () => now);
    const read = await tokens.create('prometheus', 'read', null, ANN);
    now += 1;
    const admin = await tokens.create('deploy', 'admin', now + DAY, ANN);
    expect(read.token).toMatch(/^sss_[\w-]{43}$/);
    expect(await tokens.authenticate(read.token)).toEqual({ username: 'token:prometheus', role: 'viewer' });
    expect(await tokens.authenticate(admin.token)).toEqual({ username: 'token:deploy', role: 'admin' });
    expect(await tokens.authenticate(`${read.token}x`)).toBeUndefined();
    expect(await tokens.authenticate('not-a-token')).toBeUndefined();

    const listed = await tokens.list();
    expect(listed.map((t) => [t.name, t.scope, t.createdBy, t.lastUsedAt, t.expiresAt])).toEqual([
      ['prometheus', 'read', 'ann', now, null],
      ['deploy', 'admin', 'ann', now, now + DAY],
    ]);
    expect(JSON.stringify(listed)).not.toContain(read.token.slice(4));
    expect(JSON.stringify(listed)).not.toContain(crypto.digest(read.token));

    now += DAY;
    expect(await tokens.authenticate(admin.token)).toBeUndefined();
    expect(await tokens.revoke(read.id, ANN)).toBe(true);
    expect(await tokens.revoke(read.id, ANN)).toBe(false);
    expect(await tokens.authenticate(read.token)).toBeUndefined();
  });

  it('pages the audit log newest first and deletes entries past the retention', async () => {
    for (let i = 0; i < 7; i++) {
      await audit.record({ actor: 'ann', action: 'user.add', target: `u${i}`, remote: '192.0.2.1', detail: i % 2 ? 'odd' : undefined });
      now += DAY;
    }
    const first = await audit.page(undefined, 3);
    expect(first.entries.map((e) => e.target)).toEqual(['u6', 'u5', 'u4']);
    expect(first.entries[0]).toMatchObject({ actor: 'ann', action: 'user.add', remote: '192.0.2.1', detail: null });
    expect(first.entries[1].detail).toBe('odd');
    const second = await audit.page(first.nextBefore!, 3);
    expect(second.entries.map((e) => e.target)).toEqual(['u3', 'u2', 'u1']);
    const last = await audit.page(second.nextBefore!, 3);
    expect(last).toMatchObject({ entries: [{ target: 'u0' }], nextBefore: null });

    now += 25 * DAY; // u0 was recorded 32 days ago, u1 31, u2 30 (kept: not older than the retention)
    expect(await audit.expire()).toBe(2);
    expect((await audit.page(undefined, 10)).entries.map((e) => e.target)).toEqual(['u6', 'u5', 'u4', 'u3', 'u2']);
  });

  it('logs a failed audit write and goes on', async () => {
    await storage.db.destroy();
    storage.db = (await freshStorage(engine, false)).db; // a database without the audit table
    const broken = new AuditTrail(new KyselyAuditStore(storage.db), log, { retentionMs: DAY, now: () => now });
    logged.length = 0;
    await expect(broken.record({ actor: 'ann', action: 'user.add', target: 'bob', remote: '::1' })).resolves.toBeUndefined();
    expect(logged.join('')).toMatch(/audit entry not stored.*user\.add/);
  });
});
