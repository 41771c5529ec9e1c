import { exampleServerInfo } from '@sss/contracts';
import { Log } from '@sss/log';
import { Lease } from '../../bus';
import { MemoryBusHub } from '../../bus/adapters/outbound/memory/memory-bus-hub';
import { MemoryEventBus } from '../../bus/adapters/outbound/memory/memory-event.bus';
import { SoleReplicaLeaseStore } from '../../bus/adapters/outbound/memory/sole-replica-lease.store';
import type { CatalogEntry } from '../../catalog';
import { ByteReportCache } from '../adapters/outbound/memory/byte-report.cache';
import type { OnlineTransition } from '../domain/server-registry';
import { ServerRegistry } from '../domain/server-registry';
import { FleetEvents } from './fleet-events';
import { FleetFeed } from './fleet-feed';
import type { CachedReport } from './ports/report-cache.port';
import { ReplicaSync } from './replica-sync';
import { ReportIntake } from './report-intake';

const SERVER: CatalogEntry = { id: 'web-1' } as CatalogEntry;
const text = (cpu: number) =>
  JSON.stringify({ ...exampleServerInfo(), serverId: 'web-1', cpu: { ...exampleServerInfo().cpu, percent: cpu } });

/** A replica's fleet as the module wires it, on `hub`; `holdsLease` decides whether it records silence. */
function replica(id: string, hub: MemoryBusHub, holdsLease: boolean) {
  let time = 1_000_000;
  const clock = { now: () => time };
  const registry = new ServerRegistry<CachedReport>(30_000, clock);
  const cache = new ByteReportCache();
  const intake = new ReportIntake(registry, cache);
  const bus = new MemoryEventBus(id, hub);
  const lease = new Lease(holdsLease ? new SoleReplicaLeaseStore() : { acquire: async () => false, release: async () => {} }, {
    name: 'jobs',
    holder: id,
    ttlMs: 3_600_000,
    now: clock.now,
  });
  const events = new FleetEvents(intake, registry, lease);
  let reloads = 0;
  const sync = new ReplicaSync(registry, cache, intake, bus, async () => void reloads++, new Log({ level: 'error' }));
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
    reloads: () => reloads,
    advance: (ms: number) => (time += ms),
  };
}

describe('ReplicaSync', () => {
  let hub: MemoryBusHub;
  let a: ReturnType<typeof replica>;
  let b: ReturnType<typeof replica>;

  beforeEach(async () => {
    hub = new MemoryBusHub();
    a = replica('a', hub, false);
    b = replica('b', hub, true);
    await Promise.all([a.lease.renew(), b.lease.renew()]);
  });

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

  it('takes a server removed on one replica out of the other, and has that one read its catalog again', () => {
    a.intake.accept(SERVER, text(1), false);
    a.sync.removed('web-1');
    expect(b.registry.get('web-1')).toBeUndefined();
    expect([a.reloads(), b.reloads()]).toEqual([0, 1]);
  });

  it('skips an event it cannot apply and goes on with the next', () => {
    b.sync.apply({ kind: 'report', origin: 'x', serverId: 'web-1', at: 5, json: 'not json' });
    a.intake.accept(SERVER, text(3), false);
    expect(b.registry.get('web-1')).toMatchObject({ online: true });
  });
});
