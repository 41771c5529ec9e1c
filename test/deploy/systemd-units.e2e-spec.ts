import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/dashboard-process';

const SYSTEMD = join(ROOT, 'deploy/systemd');

/** What `systemd-analyze verify` says of a unit file: nothing when systemd accepts every line. */
function verify(path: string): string {
  const run = spawnSync('systemd-analyze', ['verify', '--man=no', path], { encoding: 'utf8' });
  if (run.error) throw run.error;
  return `${run.stdout}${run.stderr}`.trim();
}

/** The `Key=value` settings of a unit's [Service] section. */
function serviceSettings(text: string): Map<string, string> {
  const section = text.split(/^\[Service\]$/m)[1].split(/^\[/m)[0];
  return new Map(
    section
      .split('\n')
      .filter((line) => /^\w+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as [string, string]),
  );
}

describe('deploy/systemd', () => {
  it.each(['sss-dashboard.service', 'sss-agent.service'])('systemd accepts every line of %s', (unit) => {
    expect(verify(join(SYSTEMD, unit))).toBe('');
  });

  it('notices a misspelled setting (the check above can fail)', () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'sss-unit-')), 'sss-dashboard.service');
    writeFileSync(bad, readFileSync(join(SYSTEMD, 'sss-dashboard.service'), 'utf8').replace('ProtectSystem=', 'ProtectSystm='));
    expect(verify(bad)).toMatch(/Unknown key 'ProtectSystm'/);
  });

  it('hardens the dashboard at least like the agent, runs it unprivileged with the GC flag on the command line', () => {
    const dashboard = serviceSettings(readFileSync(join(SYSTEMD, 'sss-dashboard.service'), 'utf8'));
    const agent = serviceSettings(readFileSync(join(SYSTEMD, 'sss-agent.service'), 'utf8'));
    const hardening = [...agent.keys()].filter((k) =>
      /^(Protect|Private|Restrict|NoNew|Lock|Remove|Capability|Ambient|SystemCall|UMask)/.test(k),
    );
    expect(hardening.length).toBeGreaterThan(15);
    for (const key of hardening) expect([key, dashboard.has(key)]).toEqual([key, true]);
    expect(dashboard.get('ProtectSystem')).toBe('strict');
    expect(dashboard.get('CapabilityBoundingSet')).toBe('');
    expect(dashboard.get('User')).toBe('sss-dashboard');
    expect(dashboard.get('ExecStart')).toMatch(/^\/usr\/bin\/node --single-threaded-gc \S+\/dist\/apps\/dashboard\/main\.js/);
    expect(dashboard.get('RestartPreventExitStatus')).toBe('2');
  });
});
