import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The files a host root needs, with counters the tests can move. */
export interface FixtureCounters {
  cpu?: { busy: number; idle: number };
  net?: Record<string, { rx: number; tx: number }>;
  disk?: Record<string, { readSectors: number; writtenSectors: number }>;
}

const MOUNTINFO = [
  '22 27 0:21 / /proc rw,relatime - proc proc rw',
  '24 27 0:6 / /dev rw,relatime - devtmpfs devtmpfs rw',
  '25 24 0:23 / /dev/shm rw,relatime - tmpfs tmpfs rw',
  '27 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw',
  '30 27 8:17 / /mnt/my\\040disk rw,relatime - xfs /dev/sdb1 rw',
  '31 27 254:0 /srv /var/lib/kubelet/pods/abc/volumes rw - ext4 /dev/vda rw',
  '32 27 254:0 /etc/hosts /etc/hosts rw - ext4 /dev/vda rw',
  '33 27 7:0 / /snap/core/1 ro - squashfs /dev/loop0 ro',
  '34 27 0:50 / /var/lib/docker/overlay2/x/merged rw - overlay overlay rw',
].join('\n');

/** A fake host root (`--host-root`) in a temp dir: /proc files, /etc files and two mount points. */
export class HostRootFixture {
  readonly root = mkdtempSync(join(tmpdir(), 'sss-host-root-'));

  constructor(counters: FixtureCounters = {}) {
    mkdirSync(join(this.root, 'mnt/my disk'), { recursive: true });
    this.write('proc/1/mountinfo', MOUNTINFO);
    this.write(
      'proc/meminfo',
      'MemTotal:       16000000 kB\nMemFree:         1000000 kB\nMemAvailable:    6000000 kB\nBuffers:          100 kB\n',
    );
    this.write('proc/uptime', '12345.67 20000.00\n');
    this.write('proc/cpuinfo', 'processor\t: 0\nmodel name\t: Test CPU @ 3.00GHz\n\nprocessor\t: 1\nmodel name\t: Test CPU @ 3.00GHz\n');
    this.write(
      'proc/net/route',
      'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n' +
        'wlan0\t00000000\t010200C0\t0003\t0\t0\t600\t00000000\t0\t0\t0\n' +
        'eth0\t00000000\t010200C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n' +
        'eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n',
    );
    this.write('etc/os-release', 'NAME="Ubuntu"\nID=ubuntu\nVERSION_ID="22.04"\n');
    this.write('etc/hostname', 'fixture-host\n');
    this.set(counters);
  }

  /** Rewrites the counter files. */
  set({ cpu = { busy: 1000, idle: 9000 }, net = {}, disk = {} }: FixtureCounters): void {
    // user nice system idle iowait irq softirq steal
    this.write('proc/stat', `cpu  ${cpu.busy} 0 0 ${cpu.idle} 0 0 0 0 0 0\ncpu0 0 0 0 0 0 0 0 0 0 0\ncpu1 0 0 0 0 0 0 0 0 0 0\nintr 0\n`);
    const ifaces = { lo: { rx: 5000, tx: 5000 }, docker0: { rx: 7000, tx: 7000 }, eth0: { rx: 0, tx: 0 }, wlan0: { rx: 0, tx: 0 }, ...net };
    this.write(
      'proc/net/dev',
      'Inter-|   Receive                                                |  Transmit\n' +
        ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n' +
        Object.entries(ifaces)
          .map(([name, c]) => `${name.padStart(6)}: ${c.rx} 1 0 0 0 0 0 0 ${c.tx} 1 0 0 0 0 0 0`)
          .join('\n') +
        '\n',
    );
    const disks = { vda: { readSectors: 0, writtenSectors: 0 }, sdb1: { readSectors: 0, writtenSectors: 0 }, ...disk };
    const numbers: Record<string, string> = { vda: '254 0', sdb1: '8 17' };
    this.write(
      'proc/diskstats',
      Object.entries(disks)
        .map(([name, d]) => ` ${numbers[name]} ${name} 1 0 ${d.readSectors} 0 1 0 ${d.writtenSectors} 0 0 0 0`)
        .join('\n') + '\n',
    );
  }

  write(path: string, text: string): void {
    mkdirSync(dirname(join(this.root, path)), { recursive: true });
    writeFileSync(join(this.root, path), text);
  }
}
