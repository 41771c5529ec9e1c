import { exampleServerInfo } from '@sss/contracts';
import { ByteReportCache } from '../adapters/outbound/memory/byte-report.cache';
import { ServerRegistry } from '../domain/server-registry';
import { FleetReadings } from './fleet-readings';
import type { CachedReport } from './ports/report-cache.port';

function setup() {
  let now = 1_750_000_000_000;
  const clock = { now: () => now };
  const registry = new ServerRegistry<CachedReport>(30_000, clock);
  const cache = new ByteReportCache();
  const report = (id: string) => registry.report(id, cache.keep(JSON.stringify(exampleServerInfo({ serverId: id })), undefined));
  return { registry, cache, report, readings: new FleetReadings(registry, cache, 30_000, clock), advance: (ms: number) => (now += ms) };
}

describe('FleetReadings', () => {
  it('gives each recent server its parsed report, online or just disconnected', () => {
    const { readings, report, registry } = setup();
    report('web-1');
    report('db-1');
    registry.disconnected('db-1');
    const current = readings.current();
    expect(current.map((r) => [r.serverId, r.online, r.info.serverId])).toEqual([
      ['web-1', true, 'web-1'],
      ['db-1', false, 'db-1'],
    ]);
    expect(current[0].info.cpu.cores).toBe(exampleServerInfo().cpu.cores);
  });

  it('drops a server silent past the offline threshold, and never replays a restored one', () => {
    const { readings, report, registry, cache, advance } = setup();
    report('web-1');
    advance(30_000);
    expect(readings.current()).toHaveLength(1);
    advance(1);
    expect(readings.current()).toEqual([]);
    registry.restore('old-1', cache.keep(JSON.stringify(exampleServerInfo({ serverId: 'old-1' })), undefined), 1_000);
    expect(readings.current()).toEqual([]);
    report('old-1');
    expect(readings.current().map((r) => r.serverId)).toEqual(['old-1']);
  });
});
