import { parseServerInfo } from '@sss/contracts';
import { Log } from '@sss/log';
import { Collector } from './collector';
import { DEFAULT_EXCLUDE_INTERFACES } from './exclusion-rules';
import { SystemInformationReader } from './systeminformation-reader';

// The reader other platforms use. systeminformation runs here too, so it is tested for real, on whatever this
// machine is: the checks hold in a container (no block-device disk) and without a default route as well.
describe('SystemInformationReader', () => {
  it('gives a report the dashboard accepts', async () => {
    const collector = new Collector(
      new SystemInformationReader(),
      { serverId: 'si-1', serverName: 'si' },
      {
        diskRefreshMs: 60_000,
        gpuRefreshMs: 15_000,
        excludeInterfaces: DEFAULT_EXCLUDE_INTERFACES,
        log: new Log('test', { level: 'error' }),
      },
    );
    await collector.sample();
    const report = await collector.sample();
    expect(parseServerInfo(JSON.stringify(report))).toMatchObject({ ok: true });
    expect(report.memory.total).toBeGreaterThan(0);
    expect(report.cpu.cores).toBeGreaterThanOrEqual(1);
    for (const disk of report.disk) expect(disk.used + disk.free).toBeLessThanOrEqual(disk.total);
    // Protocol 1.1: what systeminformation and Node give cheaply; no counts it would need seconds for.
    expect(Object.keys(report.load!)).toEqual(['load1', 'load5', 'load15']);
    for (const value of Object.values(report.load!)) expect(value).toBeGreaterThanOrEqual(0);
    expect(report.system.bootTime).toBeGreaterThan(0);
    expect(report.system.virtualization).toEqual(expect.any(String));
    for (const key of ['processes', 'connections']) expect(Object.keys(report)).not.toContain(key);
    expect(Object.keys(report.cpu)).not.toContain('iowait');
  }, 30_000);
});
