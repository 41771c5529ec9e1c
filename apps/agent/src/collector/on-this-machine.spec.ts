import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { parseServerInfo } from '@sss/contracts';
import { Log } from '@sss/log';
import { Collector } from './collector';
import { createHostReader } from './create-host-reader';
import { DEFAULT_EXCLUDE_INTERFACES } from './exclusion-rules';
import { parseMountInfo } from './procfs-reader';

/**
 * The one agent test that reads the real machine it runs on; every other one
 * reads fixture host trees (test/agent/support/host-root-fixture.ts). It needs
 * Linux with /proc mounted, and nothing else: in a container (`/` on overlay,
 * so no disk is listed) or in a network namespace without a default route (no
 * interface named) it passes as well, because it checks that what is reported
 * is consistent with this machine, not that this machine has a disk or a route.
 */
describe('on this machine: the Linux reader and the Collector against the real /proc', () => {
  it('reports this machine in a form the dashboard accepts, consistent with its /proc', async () => {
    requireLinuxProc();
    const collector = new Collector(
      createHostReader('/'),
      { serverId: 'this-machine' },
      {
        diskRefreshMs: 60_000,
        gpuRefreshMs: 15_000,
        excludeInterfaces: DEFAULT_EXCLUDE_INTERFACES,
        log: new Log('test', { level: 'error' }),
      },
    );
    await collector.sample();
    const report = await collector.sample(); // the second has rates
    expect(parseServerInfo(JSON.stringify(report))).toMatchObject({ ok: true });
    expect(report).toMatchObject({ serverName: hostname(), system: { hostname: hostname(), os: 'linux' } });
    expect(report.cpu.cores).toBeGreaterThanOrEqual(1);
    expect(report.memory.total).toBeGreaterThan(0);
    expect(report.memory.used).toBe(report.memory.total - report.memory.available);
    expect(report.system.uptime).toBeGreaterThan(0);
    expect(report.timestamp).toBeGreaterThan(Date.now() / 1000 - 60);

    const mountPoints = parseMountInfo(readFileSync('/proc/self/mountinfo', 'utf8')).map((m) => m.mountPoint);
    for (const disk of report.disk) expect(mountPoints).toContain(disk.path);
    expect(new Set(report.disk.map((d) => d.path)).size).toBe(report.disk.length);
    const interfaces = readFileSync('/proc/net/dev', 'utf8')
      .split('\n')
      .slice(2)
      .filter((line) => line.includes(':'))
      .map((line) => line.slice(0, line.indexOf(':')).trim());
    expect(['', ...interfaces]).toContain(report.network.interfaceName); // '' when there is no default route

    // Protocol 1.1: what every Linux host has, consistent with this machine's own files.
    const [load1] = readFileSync('/proc/loadavg', 'utf8').split(' ').map(Number);
    expect(report.load!.load1).toBeCloseTo(load1, 0);
    expect(report.processes).toBeGreaterThanOrEqual(1);
    expect(report.connections!.tcp + report.connections!.udp).toBeGreaterThanOrEqual(0);
    const btime = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))![1]);
    expect(report.system.bootTime).toBe(btime);
    expect(report.system.virtualization).toMatch(/^[a-z-]+$/);
    for (const name of report.network.interfaces ?? []) expect(interfaces).toContain(name.name);
    const swapTotal = Number(/^SwapTotal:\s+(\d+)/m.exec(readFileSync('/proc/meminfo', 'utf8'))![1]);
    expect(report.swap?.total).toBe(swapTotal > 0 ? swapTotal * 1024 : undefined);
    expect(report.cpu.iowait).toBeGreaterThanOrEqual(0);
  });
});

function requireLinuxProc(): void {
  if (process.platform === 'linux' && existsSync('/proc/self/mountinfo') && existsSync('/proc/stat')) return;
  throw new Error(
    `This test reads the real /proc of the machine it runs on, so it needs Linux with /proc mounted; here the platform is ` +
      `${process.platform} and /proc/stat is ${existsSync('/proc/stat') ? 'present' : 'missing'}. ` +
      'The same code is tested on fixture host trees in procfs-reader.spec.ts and collector.spec.ts.',
  );
}
