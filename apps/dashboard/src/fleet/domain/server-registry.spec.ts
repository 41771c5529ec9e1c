import type { Clock } from './clock';
import { ServerRegistry, type OnlineTransition, type ServerState } from './server-registry';

class ManualClock implements Clock {
  constructor(public time = 1_000_000) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

const report = (id: string, n = 1) => JSON.stringify({ serverId: id, n });
const seen = (s: ServerState<string>) => ({ serverId: s.serverId, report: s.report, online: s.online, lastSeen: s.lastSeen });

describe('ServerRegistry', () => {
  let clock: ManualClock;
  let registry: ServerRegistry<string>;
  /** What each emission showed at the time (states are live views, updated in place). */
  let emitted: Array<{ serverId: string; report: string; online: boolean; lastSeen: number }>;

  beforeEach(() => {
    clock = new ManualClock();
    registry = new ServerRegistry<string>(30_000, clock);
    emitted = [];
    registry.changes$.subscribe((u) => emitted.push(seen(u)));
  });

  it('stores a report as online with lastSeen from the clock and emits it', () => {
    registry.report('a', report('a'));
    expect(emitted).toEqual([{ serverId: 'a', report: report('a'), online: true, lastSeen: 1_000_000 }]);
    expect(registry.get('a')?.online).toBe(true);
  });

  it('keeps only the latest report per id', () => {
    registry.report('a', report('a', 1));
    clock.advance(5_000);
    registry.report('a', report('a', 2));
    registry.report('b', report('b'));
    expect(registry.snapshot().map((s) => [s.serverId, s.report, s.lastSeen])).toEqual([
      ['a', report('a', 2), 1_005_000],
      ['b', report('b'), 1_005_000],
    ]);
  });

  it('marks a server offline only after the threshold passes, once, with its last report', () => {
    registry.report('a', report('a'));
    clock.advance(30_000);
    registry.sweep();
    expect(registry.get('a')?.online).toBe(true); // exactly at the threshold: still online

    clock.advance(1);
    registry.sweep();
    registry.sweep();
    const offline = emitted.filter((u) => !u.online);
    expect(offline).toEqual([{ serverId: 'a', report: report('a'), online: false, lastSeen: 1_000_000 }]);
  });

  it('comes back online with the next report', () => {
    registry.report('a', report('a'));
    clock.advance(60_000);
    registry.sweep();
    registry.report('a', report('a', 2));
    expect(emitted.map((u) => u.online)).toEqual([true, false, true]);
    expect(seen(registry.get('a')!)).toEqual({ serverId: 'a', online: true, lastSeen: 1_060_000, report: report('a', 2) });
  });

  it('sweeps each server against its own lastSeen', () => {
    registry.report('old', report('old'));
    clock.advance(20_000);
    registry.report('new', report('new'));
    clock.advance(15_000);
    registry.sweep();
    expect(registry.snapshot().map((s) => [s.serverId, s.online])).toEqual([
      ['old', false],
      ['new', true],
    ]);
  });

  it('marks a disconnected server offline at once, and ignores unknown or already offline ids', () => {
    registry.report('a', report('a'));
    registry.disconnected('a');
    registry.disconnected('a');
    registry.disconnected('never-seen');
    expect(emitted.map((u) => [u.serverId, u.online])).toEqual([
      ['a', true],
      ['a', false],
    ]);
  });

  describe('transitions', () => {
    let transitions: Array<[string, boolean, number, string]>;
    beforeEach(() => {
      transitions = [];
      registry.transitions$.subscribe((t) => transitions.push([t.serverId, t.online, t.at, t.cause]));
    });

    it('records each change of state once, with its cause', () => {
      registry.report('a', report('a'));
      registry.report('a', report('a', 2));
      clock.advance(31_000);
      registry.sweep();
      registry.report('a', report('a', 3));
      registry.disconnected('a');
      expect(transitions).toEqual([
        ['a', true, 1_000_000, 'report'],
        ['a', false, 1_031_000, 'silence'],
        ['a', true, 1_031_000, 'report'],
        ['a', false, 1_031_000, 'connection-lost'],
      ]);
    });

    it('restores a server offline with its last report and emits nothing until it reports', () => {
      registry.restore('a', report('a'), 900_000);
      expect(seen(registry.get('a')!)).toEqual({ serverId: 'a', report: report('a'), online: false, lastSeen: 900_000 });
      expect([emitted, transitions]).toEqual([[], []]);
      registry.report('a', report('a', 2));
      expect(transitions).toEqual([['a', true, 1_000_000, 'report']]);
    });

    it('does not let a restore overwrite a server that already reported', () => {
      registry.report('a', report('a', 2));
      registry.restore('a', report('a'), 900_000);
      expect(registry.get('a')?.report).toBe(report('a', 2));
    });

    it('takes the servers whose agents this dashboard holds offline at shutdown, and only those', () => {
      registry.report('a', report('a'));
      registry.report('b', report('b'));
      registry.remoteReport('c', report('c'), 999_000);
      registry.disconnected('b');
      registry.shutdown(['a', 'b']);
      expect(transitions.filter((t) => t[3] === 'dashboard-restart')).toEqual([['a', false, 1_000_000, 'dashboard-restart']]);
      expect(registry.get('c')?.online).toBe(true);
    });
  });

  describe("another replica's events", () => {
    let marked: OnlineTransition[];

    beforeEach(() => {
      marked = [];
      registry.transitions$.subscribe((t) => marked.push(t));
    });

    it("applies a remote report like a local one, at the origin's time, its transition marked remote", () => {
      registry.remoteReport('a', report('a'), 998_000);
      expect(emitted).toEqual([{ serverId: 'a', report: report('a'), online: true, lastSeen: 998_000 }]);
      expect(marked).toEqual([{ serverId: 'a', online: true, at: 998_000, cause: 'report', remote: true }]);
      registry.remoteReport('a', report('a', 2), 1_003_000);
      expect(registry.get('a')).toMatchObject({ report: report('a', 2), online: true, lastSeen: 1_003_000 });
      expect(marked).toHaveLength(1);
    });

    it("applies a remote offline with the origin's cause and time, once; a later local report is a local transition", () => {
      registry.report('a', report('a'));
      registry.remoteOffline('a', 1_001_000, 'connection-lost');
      registry.remoteOffline('a', 1_002_000, 'silence');
      registry.remoteOffline('unknown', 1_002_000, 'silence');
      registry.report('a', report('a', 2));
      expect(marked).toEqual([
        { serverId: 'a', online: true, at: 1_000_000, cause: 'report' },
        { serverId: 'a', online: false, at: 1_001_000, cause: 'connection-lost', remote: true },
        { serverId: 'a', online: true, at: 1_000_000, cause: 'report' },
      ]);
      expect(emitted.map((e) => e.online)).toEqual([true, false, true]);
    });
  });
});
