import { Log } from '@sss/log';
import { AgentAdmission } from './agent-admission';
import { FleetStats } from './fleet-stats';

function setup() {
  let now = 1_000_000;
  const clock = { now: () => now };
  const lines: string[] = [];
  const stats = new FleetStats(clock);
  const admission = new AgentAdmission(
    { agentConnections: 2, upgradesPerSecond: 5, authFailures: 3, blockSeconds: 60 },
    clock,
    stats,
    new Log('test', { sink: { write: (line) => lines.push(line) } }),
  );
  return { admission, stats, lines, advance: (ms: number) => (now += ms) };
}

describe('AgentAdmission', () => {
  it('lets an address try a burst of upgradesPerSecond, then at that rate (429)', () => {
    const { admission, stats, advance } = setup();
    const tries = () => Array.from({ length: 6 }, () => admission.refusal('10.0.0.1', 0)?.status);
    expect(tries()).toEqual([undefined, undefined, undefined, undefined, undefined, 429]);
    expect(admission.refusal('10.0.0.2', 0)).toBeUndefined(); // another address has its own budget
    advance(200);
    expect([admission.refusal('10.0.0.1', 0), admission.refusal('10.0.0.1', 0)?.status]).toEqual([undefined, 429]);
    expect(stats.snapshot().rejects['address-limit']).toBe(2);
  });

  it('blocks an address after authFailures refused authentications for blockSeconds, logging the start and the end once each', () => {
    const { admission, stats, lines, advance } = setup();
    for (let i = 0; i < 3; i++) admission.authFailed('10.0.0.1');
    expect(lines).toEqual([
      expect.stringMatching(
        /WARN .*address blocked after repeated authentication failures remote="10\.0\.0\.1" failures=3 blockSeconds=60/,
      ),
    ]);
    for (let i = 0; i < 10; i++) {
      advance(1_000);
      expect(admission.refusal('10.0.0.1', 0)).toEqual({ status: 429, reason: 'address blocked' });
    }
    expect(admission.refusal('10.0.0.2', 0)).toBeUndefined();
    advance(50_001);
    expect(admission.refusal('10.0.0.1', 0)).toBeUndefined();
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/INFO .*address unblocked remote="10\.0\.0\.1" refusedWhileBlocked=10/);
    expect(stats.snapshot().rejects['address-limit']).toBe(10);
  });

  it('forgets failures older than blockSeconds: a few now and then never block', () => {
    const { admission, advance } = setup();
    for (let i = 0; i < 10; i++) {
      admission.authFailed('10.0.0.1');
      admission.authFailed('10.0.0.1');
      advance(61_000);
    }
    expect(admission.refusal('10.0.0.1', 0)).toBeUndefined();
  });

  it('refuses upgrades with 503 while agentConnections agents are connected', () => {
    const { admission, stats } = setup();
    expect(admission.refusal('10.0.0.1', 1)).toBeUndefined();
    expect(admission.refusal('10.0.0.1', 2)).toEqual({ status: 503, reason: 'too many agents' });
    expect(stats.snapshot().rejects['connection-cap']).toBe(1);
  });
});
