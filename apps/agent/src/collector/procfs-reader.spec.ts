import { release } from 'node:os';
import { join } from 'node:path';
import { HostRootFixture } from '../../../../test/agent/support/host-root-fixture';
import { FIXTURES } from '../../../../test/agent/support/host-tree';
import { ProcfsReader } from './procfs-reader';

describe('ProcfsReader under a host root', () => {
  const fixture = new HostRootFixture();
  const reader = new ProcfsReader({ hostRoot: fixture.root });

  it("takes facts from the host's /etc and /proc, in the protocol's terms", async () => {
    const facts = await reader.facts();
    expect(facts).toMatchObject({ hostname: 'fixture-host', platform: 'ubuntu', modelName: 'Test CPU @ 3.00GHz', kernel: release() });
    expect(['amd64', 'arm64', '386', 'arm', 'ppc64le', 's390x', 'riscv64']).toContain(facts.arch);
    expect(await reader.uptime()).toBe(12345);
    expect(await reader.cpuTimes()).toEqual({ busy: 1000, total: 10000, cores: 2, iowait: 0, steal: 0 });
  });

  it('keeps one mount per real device, decoding escaped paths', async () => {
    const list = await reader.filesystems();
    expect(list.map((f) => [f.path, f.device])).toEqual([
      ['/', '254:0'],
      ['/mnt/my disk', '8:17'],
    ]);
  });

  it('picks the default route with the lowest metric, an interface among the counters', async () => {
    const net = await reader.network();
    expect(net.defaultInterface).toBe('eth0');
    expect(net.counters.get('eth0')).toEqual({ rx: 0, tx: 0 });
    expect([...net.counters.keys()].sort()).toEqual(['docker0', 'eth0', 'lo', 'wlan0']);
  });

  it('has the disk counters of each filesystem under its device name and its major:minor', async () => {
    const fixture = new HostRootFixture({ disk: { vda: { readSectors: 4, writtenSectors: 8 } } });
    const fsReader = new ProcfsReader({ hostRoot: fixture.root });
    const counters = await fsReader.diskCounters();
    for (const fs of await fsReader.filesystems()) expect(counters.get(fs.device)).toBeDefined();
    expect(counters.get('254:0')).toEqual({ read: 4 * 512, written: 8 * 512 });
    expect(counters.get('vda')).toEqual(counters.get('254:0'));
  });

  it('lists sizes consistent with statfs of each mount point', async () => {
    for (const fs of await reader.filesystems()) {
      expect(fs.total).toBeGreaterThan(0);
      expect(fs.used + fs.free).toBeLessThanOrEqual(fs.total);
    }
  });

  it('falls back to the IPv6 default route', async () => {
    const v6 = new HostRootFixture();
    v6.write('proc/net/route', 'Iface\tDestination\tGateway\n');
    v6.write(
      'proc/net/ipv6_route',
      [
        '00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo',
        '00000000000000000000000000000000 00 00000000000000000000000000000000 00 fe800000000000000000000000000001 00000400 00000001 00000000 00000003     ens3',
      ].join('\n'),
    );
    expect((await new ProcfsReader({ hostRoot: v6.root }).network()).defaultInterface).toBe('ens3');
  });

  it("ignores the agent's own cgroup limit (left out under a host root)", async () => {
    expect(await reader.memory()).toEqual({ total: 16_000_000 * 1024, available: 6_000_000 * 1024 });
  });
});

describe('ProcfsReader in a memory-limited container', () => {
  const fixture = new HostRootFixture();

  it('reports the cgroup v2 limit as the total, usage without reclaimable cache', async () => {
    fixture.write('cg2/memory.max', `${2 * 1024 ** 3}\n`);
    fixture.write('cg2/memory.current', `${1024 ** 3}\n`);
    fixture.write('cg2/memory.stat', `anon 1\ninactive_file ${256 * 1024 ** 2}\n`);
    const m = await new ProcfsReader({ hostRoot: fixture.root, cgroupRoot: `${fixture.root}/cg2` }).memory();
    expect(m).toEqual({ total: 2 * 1024 ** 3, available: 2 * 1024 ** 3 - 768 * 1024 ** 2 });
  });

  it('never reports more than the host has (cgroup v1 "unlimited", or a limit above the host)', async () => {
    fixture.write('cg1/memory/memory.limit_in_bytes', '9223372036854771712\n');
    fixture.write('cg2big/memory.max', `${64 * 1024 ** 3}\n`);
    fixture.write('cg2max/memory.max', 'max\n');
    for (const dir of ['cg1', 'cg2big', 'cg2max']) {
      const m = await new ProcfsReader({ hostRoot: fixture.root, cgroupRoot: `${fixture.root}/${dir}` }).memory();
      expect(m).toEqual({ total: 16_000_000 * 1024, available: 6_000_000 * 1024 });
    }
  });
});

describe('ProcfsReader on checked-in host trees: the readings of protocol 1.1', () => {
  const kvm = new ProcfsReader({ hostRoot: join(FIXTURES, 'kvm-guest') });
  const bare = new ProcfsReader({ hostRoot: join(FIXTURES, 'bare-metal') });

  it('reads load, swap, processes, connections and the iowait and steal counters', async () => {
    expect(await kvm.load()).toEqual({ load1: 0.52, load5: 0.61, load15: 0.7 });
    expect((await kvm.memory()).swap).toEqual({ total: 2097152 * 1024, free: 1572864 * 1024 });
    expect(await kvm.processes()).toBe(3); // proc/1, proc/412, proc/1337; not proc/net or proc/sys
    expect(await kvm.connections()).toEqual({ tcp: 3, udp: 3 });
    expect(await kvm.cpuTimes()).toMatchObject({ iowait: 2000, steal: 2100, total: 4000 + 100 + 1500 + 90000 + 2000 + 300 + 2100 });
  });

  it('takes the boot time and the virtualization as facts', async () => {
    expect(await kvm.facts()).toMatchObject({ bootTime: 1698259456, virtualization: 'kvm', hostname: 'kvm-guest', platform: 'debian' });
    expect(await bare.facts()).toMatchObject({ bootTime: 1700000000, virtualization: 'none' });
  });

  it('has no swap, no steal, no sensors and no GPU where the host has none, and counts without IPv6 tables', async () => {
    expect((await bare.memory()).swap).toBeUndefined(); // SwapTotal: 0
    const cpu = await bare.cpuTimes();
    expect(cpu.iowait).toBe(2000);
    expect('steal' in cpu).toBe(false); // a /proc/stat without the column
    expect(await bare.temperatures()).toBeUndefined();
    expect(await bare.gpus()).toEqual([]);
    expect(await bare.connections()).toEqual({ tcp: 1, udp: 0 });
    expect(await bare.load()).toEqual({ load1: 12, load5: 8.5, load15: 4.25 });
  });

  it('has no load, processes or connections where /proc lacks them', async () => {
    const empty = new HostRootFixture(); // generated: no loadavg, no socket tables, no PID directories
    const reader = new ProcfsReader({ hostRoot: empty.root });
    expect(await reader.load()).toBeUndefined();
    expect(await reader.connections()).toBeUndefined();
    expect(await reader.processes()).toBe(1); // proc/1 holds its mount table
    expect(await new ProcfsReader({ hostRoot: join(empty.root, 'nowhere') }).processes()).toBeUndefined();
  });
});
