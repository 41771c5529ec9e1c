import { parseServerInfo } from '@sss/contracts';
import { Log } from '@sss/log';
import { HostRootFixture } from '../../../../test/agent/support/host-root-fixture';
import { Collector, type ReportIdentity } from './collector';
import { DEFAULT_EXCLUDE_INTERFACES } from './exclusion-rules';
import { ProcfsReader } from './procfs-reader';

const quiet = new Log('test', { level: 'error' });
const identity = { serverId: 'host-1', serverName: 'Host One', group: 'g', countryCode: 'DE' };

/** A fresh host-root fixture and a collector over it, on a clock the test moves. */
function setup(options: { identity?: ReportIdentity; diskRefreshMs?: number } = {}) {
  const fixture = new HostRootFixture();
  const clock = { now: 1_700_000_000_000 };
  const reader = new ProcfsReader({ hostRoot: fixture.root });
  const collector = new Collector(reader, options.identity ?? identity, {
    diskRefreshMs: options.diskRefreshMs ?? 60_000,
    gpuRefreshMs: 15_000,
    excludeInterfaces: DEFAULT_EXCLUDE_INTERFACES,
    log: quiet,
    now: () => clock.now,
  });
  return { fixture, clock, reader, collector };
}

describe('Collector (host-root fixture, controlled clock)', () => {
  it('produces a report the dashboard accepts, with the configured identity', async () => {
    const { collector, clock } = setup();
    const report = await collector.sample();
    expect(parseServerInfo(JSON.stringify(report))).toMatchObject({ ok: true });
    expect(report).toMatchObject({ ...identity, timestamp: Math.floor(clock.now / 1000) });
    expect(report.system).toMatchObject({ hostname: 'fixture-host', platform: 'ubuntu', uptime: 12345 });
    expect(report.cpu).toMatchObject({ cores: 2, modelName: 'Test CPU @ 3.00GHz' });
    expect(report.disk.map((d) => d.path)).toEqual(['/', '/mnt/my disk']);
  });

  it('computes per-second speeds from counter deltas, over physical interfaces only', async () => {
    const { fixture, clock, collector } = setup();
    fixture.set({
      cpu: { busy: 1000, idle: 9000 },
      net: { eth0: { rx: 1000, tx: 500 } },
      disk: { vda: { readSectors: 10, writtenSectors: 20 } },
    });
    const first = await collector.sample();
    expect(first.network).toEqual({
      interfaceName: 'eth0',
      bytesSent: 500,
      bytesRecv: 1000,
      inSpeed: 0,
      outSpeed: 0,
      interfaces: [
        { name: 'eth0', bytesSent: 500, bytesRecv: 1000, inSpeed: 0, outSpeed: 0 },
        { name: 'wlan0', bytesSent: 0, bytesRecv: 0, inSpeed: 0, outSpeed: 0 },
      ],
    });
    expect(first.cpu.percent).toBe(10); // the first sample has only the average since boot

    clock.now += 2_000;
    fixture.set({
      cpu: { busy: 1150, idle: 9050 },
      net: { eth0: { rx: 5000, tx: 2500 }, wlan0: { rx: 1000, tx: 0 }, lo: { rx: 9e9, tx: 9e9 }, docker0: { rx: 9e9, tx: 9e9 } },
      disk: { vda: { readSectors: 10 + 2048, writtenSectors: 20 + 4096 } },
    });
    const second = await collector.sample();
    // The totals sum exactly the interfaces listed: lo and docker0 are in neither.
    expect(second.network).toEqual({
      interfaceName: 'eth0',
      bytesSent: 2500,
      bytesRecv: 6000,
      inSpeed: 2500,
      outSpeed: 1000,
      interfaces: [
        { name: 'eth0', bytesSent: 2500, bytesRecv: 5000, inSpeed: 2000, outSpeed: 1000 },
        { name: 'wlan0', bytesSent: 0, bytesRecv: 1000, inSpeed: 500, outSpeed: 0 },
      ],
    });
    expect(second.cpu.percent).toBe(75);
    const root = second.disk.find((d) => d.path === '/')!;
    expect([root.readSpeed, root.writeSpeed]).toEqual([512 * 1024, 1024 * 1024]);
    expect(second.disk.find((d) => d.path === '/mnt/my disk')).toMatchObject({ readSpeed: 0, writeSpeed: 0 });
    expect(second.timestamp).toBe(Math.floor(clock.now / 1000));
  });

  it('gives 0, never a negative or a spike, when counters go backwards', async () => {
    const { fixture, clock, collector } = setup();
    fixture.set({
      cpu: { busy: 1150, idle: 9050 },
      net: { eth0: { rx: 5000, tx: 2500 }, wlan0: { rx: 1000, tx: 0 } },
      disk: { vda: { readSectors: 2058, writtenSectors: 4116 } },
    });
    await collector.sample();

    clock.now += 2_000;
    fixture.set({
      cpu: { busy: 10, idle: 90 },
      net: { eth0: { rx: 100, tx: 100 }, wlan0: { rx: 10, tx: 0 } },
      disk: { vda: { readSectors: 1, writtenSectors: 1 } },
    });
    const reset = await collector.sample();
    expect(reset.network).toMatchObject({ inSpeed: 0, outSpeed: 0, bytesRecv: 110, bytesSent: 100 });
    expect(reset.cpu.percent).toBe(0);
    expect(reset.disk.find((d) => d.path === '/')).toMatchObject({ readSpeed: 0, writeSpeed: 0 });

    clock.now += 1_000;
    fixture.set({ cpu: { busy: 60, idle: 140 }, net: { eth0: { rx: 1100, tx: 100 }, wlan0: { rx: 10, tx: 0 } } });
    expect((await collector.sample()).network).toMatchObject({ inSpeed: 1000, outSpeed: 0 });
  });

  it('reports memory used as total minus available', async () => {
    const { memory } = await setup().collector.sample();
    expect(memory).toEqual({ total: 16_384_000_000, available: 6_144_000_000, used: 10_240_000_000, usedPercent: 62.5 });
  });

  it("names the server after the host's hostname unless a name is configured", async () => {
    expect((await setup({ identity: { serverId: 'x' } }).collector.sample()).serverName).toBe('fixture-host');
    expect((await setup().collector.sample()).serverName).toBe('Host One');
  });

  it('refreshes filesystem sizes only every diskRefreshMs, in the background', async () => {
    const { clock, reader, collector } = setup({ diskRefreshMs: 10_000 });
    const calls: number[] = [];
    const list = reader.filesystems.bind(reader);
    reader.filesystems = () => (calls.push(clock.now), list());
    await collector.sample();
    clock.now += 5_000;
    await collector.sample();
    clock.now += 5_000;
    await collector.sample();
    expect(calls).toHaveLength(2);
  });
});
