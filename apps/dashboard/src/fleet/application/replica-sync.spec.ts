import { exampleServerInfo } from '@sss/contracts';
import { Log } from '@sss/log';
import { Lease } from '../../bus';
import { MemoryBusHub } from '../../bus/adapters/outbound/memory/memory-bus-hub';
import { MemoryEventBus } from '../../bus/adapters/outbound/memory/memory-event.bus';
import { KyselyLeaseStore } from '../../bus/adapters/outbound/kysely/kysely-lease.store';
import type { CatalogEntry } from '../../catalog';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/storage/database';
import { LiveCatalog } from '../../catalog';
import { NodeSecretHasher } from '../../catalog/adapters/outbound/crypto/node-secret.hasher';
import { tempSqliteDatabase } from '../../../../../test/support/temp-sqlite-store';
import { ConfigServerCatalog } from '../../catalog/adapters/outbound/config/config-server-catalog';
import { KyselyCatalogStore } from '../../catalog/adapters/outbound/kysely/kysely-catalog.store';
import { CatalogIndex } from '../../catalog/adapters/outbound/memory/catalog-index';
import { ByteReportCache } from '../adapters/outbound/memory/byte-report.cache';
import type { OnlineTransition } from '../domain/server-registry';
import { ServerRegistry } from '../domain/server-registry';
import { KyselyEnrollmentKeyStore } from '../../enrollment/adapters/outbound/kysely/kysely-enrollment-key.store';
import { EnrollmentKeyIndex } from '../../enrollment/adapters/outbound/memory/enrollment-key-index';
import { LiveEnrollmentKeys } from '../../enrollment/application/live-enrollment-keys';
import { AgentEnrollment } from '../../enrollment/application/agent-enrollment';
import { EnrollmentStats } from '../../enrollment/application/enrollment-stats';
import { AgentAdmission } from './agent-admission';
import { AgentSessions } from './agent-sessions';
import { FleetEvents } from './fleet-events';
import { FleetStats } from './fleet-stats';
import { FleetFeed } from './fleet-feed';
import type { CachedReport } from './ports/report-cache.port';
import { ReplicaSync } from './replica-sync';
import { ReportIntake } from './report-intake';

async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(ok()).toBe(true);
}

const SERVER: CatalogEntry = { id: 'web-1' };
const text = (cpu: number) =>
  JSON.stringify({ ...exampleServerInfo(), serverId: 'web-1', cpu: { ...exampleServerInfo().cpu, percent: cpu } });

/** A replica's fleet as the module wires it, on `hub`, over the shared database `db`. */
function replica(id: string, hub: MemoryBusHub, db: Kysely<Database>) {
  const store = new KyselyCatalogStore(db);
  let time = 1_000_000;
  const clock = { now: () => time };
  const registry = new ServerRegistry<CachedReport>(30_000, clock);
  const cache = new ByteReportCache();
  const intake = new ReportIntake(registry, cache);
  const bus = new MemoryEventBus(id, hub);
  const logged: string[] = [];
  const lease = new Lease(new KyselyLeaseStore(db), {
    name: 'jobs',
    holder: id,
    ttlMs: 3_600_000,
    now: clock.now,
  });
  const catalog = new LiveCatalog(new ConfigServerCatalog([]), new CatalogIndex(), store, new NodeSecretHasher(), clock.now);
  const log = new Log('test', { sink: { write: (line) => logged.push(line) } });
  const stats = new FleetStats(clock);
  const keys = new LiveEnrollmentKeys([], new EnrollmentKeyIndex(), new KyselyEnrollmentKeyStore(db), new NodeSecretHasher(), clock.now);
  const enrollment = new AgentEnrollment(keys, undefined, catalog, catalog, clock.now, new EnrollmentStats(), log);
  const admission = new AgentAdmission(
    { agentConnections: 10, upgradesPerSecond: 10, authFailures: 5, blockSeconds: 60 },
    clock,
    stats,
    log,
  );
  const sessions = new AgentSessions(catalog, intake, registry, clock, 60_000, log, stats, admission, 10, enrollment);
  const events = new FleetEvents(intake, registry, lease, bus, sessions);
  const sync = new ReplicaSync(registry, cache, intake, bus, catalog, log);
  bus.received$.subscribe((e) => sync.apply(e));
  const recorded: OnlineTransition[] = [];
  const reports: string[] = [];
  events.transitions$.subscribe((t) => recorded.push(t));
  events.reports$.subscribe((r) => reports.push(r.serverId));
  const frontend: string[] = [];
  const feed = new FleetFeed(registry, cache);
  feed.changes$.subscribe((state) => frontend.push(Buffer.from(feed.message(state)).toString()));
  return {
    registry,
    intake,
    sync,
    lease,
    recorded,
    reports,
    frontend,
    catalog,
    logged,
    advance: (ms: number) => (time += ms),
  };
}

describe('ReplicaSync', () => {
  let hub: MemoryBusHub;
  let a: ReturnType<typeof replica>;
  let b: ReturnType<typeof replica>;
  let close: () => Promise<void>;

  beforeEach(async () => {
    hub = new MemoryBusHub();
    // One database under both replicas' catalogs, as behind a Service.
    const opened = await tempSqliteDatabase();
    close = opened.close;
    a = replica('a', hub, opened.db);
    b = replica('b', hub, opened.db);
    await b.lease.renew(); // b runs the once-only jobs
    await a.lease.renew();
    expect([a.lease.held, b.lease.held]).toEqual([false, true]);
  });
  afterEach(() => close());

  it("brings a report accepted on one replica to the other's frontends exactly as its own, recorded only where it was accepted", () => {
    expect(a.intake.accept(SERVER, text(12.5), false).kind).toBe('accepted');
    expect(b.frontend).toEqual(a.frontend);
    expect(JSON.parse(b.frontend[0])).toMatchObject({ serverId: 'web-1', cpu: { percent: 12.5 }, online: true, lastSeen: 1_000_000 });
    expect(b.registry.get('web-1')).toMatchObject({ online: true, lastSeen: 1_000_000 });
    expect([a.reports, b.reports]).toEqual([['web-1'], []]);
    expect(a.recorded).toEqual([{ serverId: 'web-1', online: true, at: 1_000_000, cause: 'report' }]);
    expect(b.recorded).toEqual([]);
  });

  it('carries a lost connection to the other replica with its cause and time; the replica that held it records it', () => {
    a.intake.accept(SERVER, text(1), false);
    a.advance(2_000);
    a.registry.disconnected('web-1');
    expect(JSON.parse(b.frontend[b.frontend.length - 1])).toMatchObject({ serverId: 'web-1', online: false, lastSeen: 1_000_000 });
    expect(a.recorded.map((t) => [t.online, t.cause, t.at])).toEqual([
      [true, 'report', 1_000_000],
      [false, 'connection-lost', 1_002_000],
    ]);
    expect(b.recorded).toEqual([]);
  });

  it('records offline by silence once: on the replica that holds the lease, whichever replica had the agent', () => {
    a.intake.accept(SERVER, text(1), false);
    a.advance(31_000);
    b.advance(31_000);
    a.registry.sweep(); // the agent's replica notices first: the lease holder hears it from there
    b.registry.sweep();
    expect(b.registry.get('web-1')?.online).toBe(false);
    expect(a.recorded.filter((t) => !t.online)).toEqual([]);
    expect(b.recorded).toEqual([{ serverId: 'web-1', online: false, at: 1_031_000, cause: 'silence', remote: true }]);

    // The other way round: b sweeps first (its clock ran ahead) and, holding the lease, records it.
    a.intake.accept(SERVER, text(2), false);
    a.advance(31_000);
    b.advance(31_000);
    b.registry.sweep();
    a.registry.sweep();
    expect(b.recorded.slice(1)).toEqual([{ serverId: 'web-1', online: false, at: 1_062_000, cause: 'silence' }]);
    expect(a.recorded.filter((t) => !t.online)).toEqual([]);
  });

  it('has the other replica read the shared catalog again when one changes it, and no further', async () => {
    const changes: string[] = [];
    b.catalog.changes.subscribe((c) => changes.push(`${c.kind} ${c.id}`));
    a.catalog.changes.subscribe((c) => changes.push(`a: ${c.kind} ${c.id}`));
    await a.catalog.register({ id: 'new-1' }, 'admin');
    await until(() => changes.includes('added new-1'));
    await a.catalog.edit('new-1', { hidden: true });
    await until(() => changes.includes('updated new-1'));
    expect(b.catalog.get('new-1')?.hidden).toBe(true);
    await a.catalog.remove('new-1', false);
    await until(() => changes.includes('removed new-1'));
    expect(b.catalog.get('new-1')).toBeUndefined();
    expect(changes.filter((c) => c.startsWith('a: '))).toEqual([
      'a: added new-1',
      'a: updated new-1',
      'a: revoked new-1',
      'a: removed new-1',
    ]);
  });

  it('skips an event it cannot apply and goes on with the next', () => {
    b.sync.apply({ kind: 'report', origin: 'x', serverId: 'web-1', at: 5, json: 'not json' });
    expect(b.logged.join('')).toMatch(/another replica's event not applied serverId="web-1" origin="x"/);
    expect(b.registry.get('web-1')).toBeUndefined();
    a.intake.accept(SERVER, text(3), false);
    expect(b.registry.get('web-1')).toMatchObject({ online: true });
  });
});
