import { FleetStats, RATE_WINDOW_SECONDS } from './fleet-stats';

function setup() {
  let now = 1_700_000_000_500;
  const stats = new FleetStats({ now: () => now });
  return { stats, advance: (ms: number) => (now += ms) };
}

describe('FleetStats', () => {
  it('averages the reports of the last whole seconds, leaving out the current one', () => {
    const { stats, advance } = setup();
    for (let s = 0; s < RATE_WINDOW_SECONDS; s++) {
      for (let i = 0; i < 20; i++) stats.accepted();
      advance(1_000);
    }
    stats.accepted(); // the current second: not counted yet
    expect(stats.snapshot().reportsPerSecond).toBe(20);
    advance(1_000);
    expect(stats.snapshot().reportsPerSecond).toBe((9 * 20 + 1) / RATE_WINDOW_SECONDS);
  });

  it('forgets seconds older than the window, however long nothing arrived', () => {
    const { stats, advance } = setup();
    for (let i = 0; i < 50; i++) stats.accepted();
    advance(5_000);
    expect(stats.snapshot().reportsPerSecond).toBe(5);
    advance(RATE_WINDOW_SECONDS * 1_000);
    expect(stats.snapshot().reportsPerSecond).toBe(0);
    advance(3_600_000);
    stats.accepted();
    advance(1_000);
    expect(stats.snapshot().reportsPerSecond).toBe(0.1);
  });

  it('counts rejects by reason and the consoles connected now', () => {
    const { stats } = setup();
    stats.rejected('authentication');
    stats.rejected('authentication');
    stats.rejected('too-big');
    stats.frontendConnected();
    stats.frontendConnected();
    stats.frontendDisconnected();
    expect(stats.snapshot()).toEqual({
      frontends: 1,
      reportsPerSecond: 0,
      accepted: 0,
      rejects: { authentication: 2, 'invalid-frame': 0, 'id-mismatch': 0, binary: 0, 'too-big': 1, 'internal-error': 0 },
    });
  });

  it('counts every accepted report since start, beyond the rate window', () => {
    const { stats, advance } = setup();
    for (let i = 0; i < 7; i++) stats.accepted();
    advance(3_600_000);
    stats.accepted();
    expect(stats.snapshot().accepted).toBe(8);
  });

  it('passes broadcast durations on only while someone listens', () => {
    const { stats } = setup();
    expect(stats.timingBroadcasts).toBe(false);
    stats.broadcast(0.5); // nobody listens: dropped
    const seen: number[] = [];
    const subscription = stats.broadcastSeconds$.subscribe((s) => seen.push(s));
    expect(stats.timingBroadcasts).toBe(true);
    stats.broadcast(0.002);
    subscription.unsubscribe();
    stats.broadcast(0.3);
    expect(seen).toEqual([0.002]);
  });
});
