import { exampleServerInfo, type ServerUpdate } from '@sss/contracts';
import type { Clock } from './clock';
import { ServerRegistry } from './server-registry';

class ManualClock implements Clock {
  constructor(public time = 1_000_000) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

describe('ServerRegistry', () => {
  let clock: ManualClock;
  let registry: ServerRegistry;
  let emitted: ServerUpdate[];

  beforeEach(() => {
    clock = new ManualClock();
    registry = new ServerRegistry(30_000, clock);
    emitted = [];
    registry.changes$.subscribe((u) => emitted.push(u));
  });

  it('stores a report as online with lastSeen from the clock and emits it', () => {
    registry.report(exampleServerInfo({ serverId: 'a' }));
    expect(emitted).toEqual([expect.objectContaining({ serverId: 'a', online: true, lastSeen: 1_000_000 })]);
    expect(registry.get('a')?.online).toBe(true);
  });

  it('keeps only the latest report per id', () => {
    registry.report(exampleServerInfo({ serverId: 'a', timestamp: 1 }));
    clock.advance(5_000);
    registry.report(exampleServerInfo({ serverId: 'a', timestamp: 2 }));
    registry.report(exampleServerInfo({ serverId: 'b' }));
    expect(registry.snapshot().map((s) => [s.serverId, s.timestamp, s.lastSeen])).toEqual([
      ['a', 2, 1_005_000],
      ['b', 1699123456, 1_005_000],
    ]);
  });

  it('marks a server offline only after the threshold passes, once, with its last values', () => {
    registry.report(exampleServerInfo({ serverId: 'a' }));
    clock.advance(30_000);
    registry.sweep();
    expect(registry.get('a')?.online).toBe(true); // exactly at the threshold: still online

    clock.advance(1);
    registry.sweep();
    registry.sweep();
    const offline = emitted.filter((u) => !u.online);
    expect(offline).toEqual([{ ...exampleServerInfo({ serverId: 'a' }), online: false, lastSeen: 1_000_000 }]);
  });

  it('comes back online with the next report', () => {
    registry.report(exampleServerInfo({ serverId: 'a' }));
    clock.advance(60_000);
    registry.sweep();
    registry.report(exampleServerInfo({ serverId: 'a' }));
    expect(emitted.map((u) => u.online)).toEqual([true, false, true]);
    expect(registry.get('a')).toMatchObject({ online: true, lastSeen: 1_060_000 });
  });

  it('sweeps each server against its own lastSeen', () => {
    registry.report(exampleServerInfo({ serverId: 'old' }));
    clock.advance(20_000);
    registry.report(exampleServerInfo({ serverId: 'new' }));
    clock.advance(15_000);
    registry.sweep();
    expect(registry.snapshot().map((s) => [s.serverId, s.online])).toEqual([
      ['old', false],
      ['new', true],
    ]);
  });

  it('marks a disconnected server offline at once, and ignores unknown or already offline ids', () => {
    registry.report(exampleServerInfo({ serverId: 'a' }));
    registry.disconnected('a');
    registry.disconnected('a');
    registry.disconnected('never-seen');
    expect(emitted.map((u) => [u.serverId, u.online])).toEqual([
      ['a', true],
      ['a', false],
    ]);
  });
});
