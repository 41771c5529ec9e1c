import { parseServerInfo } from '@sss/contracts';
import { Log } from '@sss/log';
import { Collector } from './collector';
import { DEFAULT_EXCLUDE_INTERFACES } from './exclusion-rules';
import { SystemInformationReader } from './systeminformation-reader';

// The reader other platforms use; systeminformation runs here too, so it is tested for real.
describe('SystemInformationReader', () => {
  it('gives a report the dashboard accepts', async () => {
    const collector = new Collector(
      new SystemInformationReader(),
      { serverId: 'si-1', serverName: 'si' },
      {
        diskRefreshMs: 60_000,
        excludeInterfaces: DEFAULT_EXCLUDE_INTERFACES,
        log: new Log('test', { level: 'error' }),
      },
    );
    await collector.sample();
    const report = await collector.sample();
    expect(parseServerInfo(JSON.stringify(report)).ok).toBe(true);
    expect(report.disk.some((d) => d.path === '/')).toBe(true);
    expect(report.memory.total).toBeGreaterThan(0);
    expect(report.network.interfaceName).not.toBe('');
  }, 30_000);
});
