import { exampleServerInfo } from '@sss/contracts';
import { FLEET_METRICS } from './fleet-samples';

const reading = (info = exampleServerInfo()) => ({ serverId: info.serverId, online: true, lastSeen: 1_000, info });
const metric = (name: string) => FLEET_METRICS.find((m) => m.name === name)!;

describe('FLEET_METRICS', () => {
  it("follow Prometheus' naming: the project prefix, _total on counters only, base units", () => {
    for (const { name, type } of FLEET_METRICS) {
      expect(name).toMatch(/^sss_server_[a-z0-9_]+$/);
      expect(name.endsWith('_total')).toBe(type === 'counter');
      expect(name).not.toMatch(/_(percent|kilobytes|megabytes|milliseconds|kb|mb)(_|$)/);
    }
    expect(new Set(FLEET_METRICS.map((m) => m.name)).size).toBe(FLEET_METRICS.length);
  });

  it('turns percentages into ratios and the report time into an age in seconds', () => {
    const info = exampleServerInfo({ cpu: { percent: 45, cores: 4, modelName: 'x' } });
    expect(metric('sss_server_cpu_usage_ratio').samples(reading(info), 0)).toEqual([{ value: 0.45 }]);
    expect(metric('sss_server_last_report_age_seconds').samples(reading(info), 3_500)).toEqual([{ value: 2.5 }]);
  });

  it('makes no sample of an optional field the report leaves out, and one per mount point', () => {
    const info = exampleServerInfo();
    delete info.swap;
    delete info.load;
    expect(metric('sss_server_swap_total_bytes').samples(reading(info), 0)).toEqual([]);
    expect(metric('sss_server_load1').samples(reading(info), 0)).toEqual([]);
    expect(metric('sss_server_filesystem_free_bytes').samples(reading(info), 0)).toEqual(
      info.disk.map((d) => ({ labels: { mountpoint: d.path }, value: d.free })),
    );
  });
});
