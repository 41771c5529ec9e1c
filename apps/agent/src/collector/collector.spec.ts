import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseServerInfo, type ServerInfo } from '@sss/contracts';
import { Log } from '@sss/log';
import { fakeNvidiaSmi } from '../../../../test/agent/support/fake-nvidia-smi';
import { HostRootFixture } from '../../../../test/agent/support/host-root-fixture';
import { HostTree, type HostTreeName } from '../../../../test/agent/support/host-tree';
import { LogLines } from '../../../../test/agent/support/log-lines';
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

describe('Collector: the optional fields of protocol 1.1, on checked-in host trees', () => {
  const MIB = 1024 * 1024;

  /** A collector over a copy of host tree `name`, on a clock the test moves. */
  function onTree(name: HostTreeName, options: { nvidiaSmi?: string; gpuRefreshMs?: number; logs?: LogLines } = {}) {
    const tree = new HostTree(name);
    const clock = { now: 1_700_000_000_000 };
    const collector = new Collector(
      new ProcfsReader({ hostRoot: tree.root }),
      { serverId: 'tree', agentVersion: '9.8.7' },
      {
        diskRefreshMs: 60_000,
        gpuRefreshMs: options.gpuRefreshMs ?? 15_000,
        nvidiaSmi: options.nvidiaSmi,
        excludeInterfaces: DEFAULT_EXCLUDE_INTERFACES,
        log: options.logs ? new Log('test', { sink: options.logs }) : quiet,
        now: () => clock.now,
      },
    );
    return { tree, clock, collector };
  }

  /** Samples (real time passing between tries) until `check` holds: background refreshes end when they end. */
  async function sampleUntil(collector: Collector, check: (r: ServerInfo) => boolean, what: string): Promise<ServerInfo> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const report = await collector.sample();
      if (check(report)) return report;
      if (Date.now() > deadline) throw new Error(`no sample with ${what}; last: ${JSON.stringify(report)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('reports every field a fully equipped host has, in a form the dashboard accepts as sent', async () => {
    const { collector } = onTree('kvm-guest');
    const report = await collector.sample();
    const parsed = parseServerInfo(JSON.stringify(report));
    expect(parsed).toMatchObject({ ok: true, verbatim: true });
    expect(report).toMatchObject({
      agentVersion: '9.8.7',
      load: { load1: 0.52, load5: 0.61, load15: 0.7 },
      swap: { total: 2048 * MIB, used: 512 * MIB, usedPercent: 25 },
      processes: 3,
      connections: { tcp: 3, udp: 3 },
      system: { bootTime: 1698259456, virtualization: 'kvm', hostname: 'kvm-guest' },
    });
    // The first sample has the shares since boot, as cpu.percent does: 2000 and 2100 of 100,000 ticks.
    expect(report.cpu).toMatchObject({ iowait: 2, steal: 2.1 });
    expect(report.temperatures).toHaveLength(7);
    expect(report.temperatures![0]).toEqual({ sensor: 'acpitz/temp1', celsius: -5.5 });
    // ens3 and ens4: what the totals sum (lo and docker0 are excluded from both).
    expect(report.network.interfaces!.map((i) => i.name)).toEqual(['ens3', 'ens4']);
    expect(report.network.bytesRecv).toBe(9_000_000 + 1_000_000);
    const withGpu = await sampleUntil(collector, (r) => !!r.gpu, 'a GPU');
    expect(withGpu.gpu).toEqual([{ name: 'amdgpu card0', utilPercent: 37, memoryTotal: 8573157376, memoryUsed: 1073741824, celsius: 61 }]);
  });

  it('leaves out what a host does not have: no swap, sensors, GPU or steal column; an old report shape otherwise', async () => {
    const { collector } = onTree('bare-metal');
    await collector.sample();
    const report = await collector.sample();
    expect(parseServerInfo(JSON.stringify(report))).toMatchObject({ ok: true });
    for (const key of ['swap', 'temperatures', 'gpu']) expect(Object.keys(report)).not.toContain(key);
    expect(Object.keys(report.cpu)).toEqual(['percent', 'cores', 'modelName', 'iowait']);
    expect(report).toMatchObject({ connections: { tcp: 1, udp: 0 }, system: { virtualization: 'none' } });
  });

  it('gives iowait, steal and per-interface speeds of 0 after a counter reset, never a negative or a spike', async () => {
    const { tree, clock, collector } = onTree('kvm-guest');
    await collector.sample();
    clock.now += 5_000;
    // Ticks since the first sample: 1000 of them, 100 iowait and 50 steal.
    tree.write('proc/stat', 'cpu  4300 100 1500 90550 2100 0 300 2150 0 0\ncpu0 0 0 0 0 0 0 0 0\nbtime 1698259456\n');
    const moved = await collector.sample();
    expect(moved.cpu).toMatchObject({ iowait: 10, steal: 5 });

    clock.now += 5_000;
    tree.write('proc/stat', 'cpu  10 0 10 100 1 0 0 1 0 0\ncpu0 0 0 0 0 0 0 0 0\nbtime 1698259456\n');
    const netdev = readFileSync(join(tree.root, 'proc/net/dev'), 'utf8');
    tree.write('proc/net/dev', netdev.replace('9000000', '1000').replace('4000000', '2000'));
    const reset = await collector.sample();
    expect(reset.cpu).toMatchObject({ iowait: 0, steal: 0, percent: 0 });
    expect(reset.network.interfaces![0]).toEqual({ name: 'ens3', bytesSent: 2000, bytesRecv: 1000, inSpeed: 0, outSpeed: 0 });
    expect(parseServerInfo(JSON.stringify(reset))).toMatchObject({ ok: true });
  });

  it('counts connections in the background every 15 s, the first sample waiting for the first count', async () => {
    const { tree, clock, collector } = onTree('kvm-guest');
    expect((await collector.sample()).connections).toEqual({ tcp: 3, udp: 3 });
    tree.write('proc/net/udp', readFileSync(join(tree.root, 'proc/net/udp'), 'utf8').split('\n').slice(0, 2).join('\n') + '\n');
    clock.now += 10_000;
    expect((await collector.sample()).connections).toEqual({ tcp: 3, udp: 3 }); // not counted again yet
    clock.now += 5_000;
    await sampleUntil(collector, (r) => r.connections?.udp === 2, 'the new count');
  });

  it('runs nvidia-smi in the background at most every gpuRefreshMs, NVIDIA GPUs first', async () => {
    const nvidiaSmi = fakeNvidiaSmi('echo run >> "$(dirname "$0")/runs"; echo "NVIDIA L4, 12, 23034, 512, 44"');
    const runs = () =>
      readFileSync(join(dirname(nvidiaSmi), 'runs'), 'utf8')
        .split('\n')
        .filter(Boolean).length;
    const { clock, collector } = onTree('kvm-guest', { nvidiaSmi, gpuRefreshMs: 10_000 });
    const report = await sampleUntil(collector, (r) => !!r.gpu, 'GPUs');
    expect(report.gpu!.map((g) => g.name)).toEqual(['NVIDIA L4', 'amdgpu card0']);
    expect(runs()).toBe(1);
    clock.now += 5_000;
    await collector.sample();
    expect(runs()).toBe(1);
    clock.now += 5_000;
    await collector.sample();
    await sampleUntil(collector, () => runs() === 2, 'a second nvidia-smi run');
  });

  it('never waits for nvidia-smi inside a sample', async () => {
    // Runs until the test lets it finish, by creating the file it waits for.
    const nvidiaSmi = fakeNvidiaSmi(
      'd="$(dirname "$0")"; touch "$d/started"; while [ ! -e "$d/go" ]; do sleep 0.05; done; echo "NVIDIA L4, 12, 23034, 512, 44"',
    );
    const dir = dirname(nvidiaSmi);
    const { collector } = onTree('bare-metal', { nvidiaSmi });
    const first = await collector.sample();
    await sampleUntil(collector, () => existsSync(join(dir, 'started')), 'nvidia-smi started');
    const during = await collector.sample(); // nvidia-smi still running
    expect([first.gpu, during.gpu]).toEqual([undefined, undefined]);
    writeFileSync(join(dir, 'go'), '');
    const after = await sampleUntil(collector, (r) => !!r.gpu, 'the GPU');
    expect(after.gpu).toEqual([{ name: 'NVIDIA L4', utilPercent: 12, memoryTotal: 23034 * MIB, memoryUsed: 512 * MIB, celsius: 44 }]);
  });

  it('logs a failing nvidia-smi once, not at every refresh, and reports no NVIDIA GPU meanwhile', async () => {
    const nvidiaSmi = fakeNvidiaSmi('echo run >> "$(dirname "$0")/runs"; echo "No devices were found"; exit 6');
    const runs = () =>
      existsSync(join(dirname(nvidiaSmi), 'runs')) ? readFileSync(join(dirname(nvidiaSmi), 'runs'), 'utf8').length / 4 : 0;
    const logs = new LogLines();
    const { clock, collector } = onTree('bare-metal', { nvidiaSmi, gpuRefreshMs: 1_000, logs });
    // Each try moves the clock a refresh period on; a run starts only once the one before has ended.
    const reports: ServerInfo[] = [];
    await sampleUntil(
      collector,
      (r) => {
        reports.push(r);
        clock.now += 1_000;
        return runs() >= 5;
      },
      'five nvidia-smi runs',
    );
    expect(logs.matching(/nvidia-smi failed.*No devices were found/)).toHaveLength(1);
    expect(reports.filter((r) => 'gpu' in r)).toEqual([]);
  });
});
