import { hostname, release } from 'node:os';
import { HostRootFixture } from '../../../../test/agent/support/host-root-fixture';
import { ProcfsReader } from './procfs-reader';

describe('ProcfsReader on this machine', () => {
  const reader = new ProcfsReader({ hostRoot: '/', cgroupRoot: '/sys/fs/cgroup' });

  it("reads facts in the protocol's terms", async () => {
    const facts = await reader.facts();
    expect(facts).toMatchObject({ hostname: hostname(), os: 'linux', kernel: release() });
    expect(['amd64', 'arm64', '386', 'arm', 'ppc64le', 's390x', 'riscv64']).toContain(facts.arch);
    expect(facts.platform).toMatch(/^[a-z0-9._-]+$/);
    expect(facts.modelName.length).toBeGreaterThan(0);
  });

  it('reads CPU times that only grow', async () => {
    const a = await reader.cpuTimes();
    await new Promise((r) => setTimeout(r, 50));
    const b = await reader.cpuTimes();
    expect(a.cores).toBeGreaterThanOrEqual(1);
    expect(b.total).toBeGreaterThanOrEqual(a.total);
    expect(b.busy).toBeGreaterThanOrEqual(a.busy);
    expect(a.busy).toBeLessThanOrEqual(a.total);
  });

  it('reads memory with available <= total', async () => {
    const m = await reader.memory();
    expect(m.total).toBeGreaterThan(64 * 1024 * 1024);
    expect(m.available).toBeGreaterThan(0);
    expect(m.available).toBeLessThanOrEqual(m.total);
  });

  it('lists the root filesystem once, with consistent sizes, and no virtual ones', async () => {
    const list = await reader.filesystems();
    expect(list.filter((f) => f.path === '/')).toHaveLength(1);
    for (const f of list) {
      expect(f.used + f.free).toBeLessThanOrEqual(f.total);
      expect(f.path).not.toMatch(/^\/(proc|sys|dev)(\/|$)/);
    }
    expect(new Set(list.map((f) => f.device)).size).toBe(list.length);
  });

  it('finds the default-route interface among the network counters', async () => {
    const net = await reader.network();
    expect(net.counters.get('lo')).toBeDefined();
    if (net.defaultInterface) expect(net.counters.has(net.defaultInterface)).toBe(true);
  });

  it("has disk counters for the root filesystem's device", async () => {
    const [root] = (await reader.filesystems()).filter((f) => f.path === '/');
    expect((await reader.diskCounters()).get(root.device)).toEqual({ read: expect.any(Number), written: expect.any(Number) });
  });
});

describe('ProcfsReader under a host root', () => {
  const fixture = new HostRootFixture();
  const reader = new ProcfsReader({ hostRoot: fixture.root });

  it("takes facts from the host's /etc and /proc", async () => {
    expect(await reader.facts()).toMatchObject({ hostname: 'fixture-host', platform: 'ubuntu', modelName: 'Test CPU @ 3.00GHz' });
    expect(await reader.uptime()).toBe(12345);
    expect(await reader.cpuTimes()).toEqual({ busy: 1000, total: 10000, cores: 2 });
  });

  it('keeps one mount per real device, decoding escaped paths', async () => {
    const list = await reader.filesystems();
    expect(list.map((f) => [f.path, f.device])).toEqual([
      ['/', '254:0'],
      ['/mnt/my disk', '8:17'],
    ]);
  });

  it('picks the default route with the lowest metric', async () => {
    expect((await reader.network()).defaultInterface).toBe('eth0');
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
