import { readdir, readFile, statfs } from 'node:fs/promises';
import * as os from 'node:os';
import { join } from 'node:path';
import type { ConnectionsInfo, GpuInfo, LoadInfo, TemperatureInfo } from '@sss/contracts/constants';
import { readAmdGpus } from './amd-gpus';
import { isRealFilesystem } from './exclusion-rules';
import { goArch, goOs } from './go-names';
import type { CpuTimes, Filesystem, HostFacts, HostReader, IoCounters, MemoryReading, NetCounters, NetworkReading } from './host-reader';
import { HwmonSensors } from './hwmon-sensors';
import { countSockets, STATE_OFFSET, type SocketTable } from './socket-count';
import { detectVirtualization } from './virtualization';

export interface ProcfsReaderOptions {
  /** Where the host's filesystem is: `/`, or e.g. `/host` inside a container. */
  hostRoot: string;
  /**
   * The cgroup hierarchy this process sees, to apply a container's memory limit.
   * Left out when monitoring a host from a container: the agent's own limit is not the host's.
   */
  cgroupRoot?: string;
}

/** A cgroup v1 "no limit" is a huge page-aligned number; anything beyond this is no limit. */
const NO_LIMIT = 2 ** 60;
/** The chunk /proc/net socket tables are read in (procfs hands out about a page per read anyway). */
const SOCKET_CHUNK_BYTES = 64 * 1024;

/**
 * Linux: every per-sample reading is one small /proc or /sys file read, so a
 * sample spawns no process (systeminformation shells out to cat/ip/lsblk/df for
 * these on Linux). Paths are under `hostRoot`, so a container can watch its host.
 */
export class ProcfsReader implements HostReader {
  private readonly proc: string;
  private readonly sys: string;
  private readonly sensors: HwmonSensors;
  private readonly socketTables: SocketTable[];
  /** Allocated at the first count, then reused by every one. */
  private socketBuffer?: Buffer;

  constructor(private readonly options: ProcfsReaderOptions) {
    this.proc = join(options.hostRoot, 'proc');
    this.sys = join(options.hostRoot, 'sys');
    this.sensors = new HwmonSensors(this.sys);
    this.socketTables = [
      { path: join(this.proc, 'net/tcp'), stateOffset: STATE_OFFSET.ipv4, skipListening: true },
      { path: join(this.proc, 'net/tcp6'), stateOffset: STATE_OFFSET.ipv6, skipListening: true },
      { path: join(this.proc, 'net/udp'), stateOffset: STATE_OFFSET.ipv4, skipListening: false },
      { path: join(this.proc, 'net/udp6'), stateOffset: STATE_OFFSET.ipv6, skipListening: false },
    ];
  }

  private get onHostRoot(): boolean {
    return this.options.hostRoot !== '/';
  }

  async facts(): Promise<HostFacts> {
    const root = this.options.hostRoot;
    const osRelease = (await readOptional(join(root, 'etc/os-release'))) ?? (await readOptional(join(root, 'usr/lib/os-release'))) ?? '';
    const hostname = this.onHostRoot ? (await readOptional(join(root, 'etc/hostname')))?.trim() : undefined;
    const cpuinfo = (await readOptional(join(this.proc, 'cpuinfo'))) ?? '';
    const model = /^(?:model name|Model|cpu model|Processor)\s*:\s*(.+)$/m.exec(cpuinfo)?.[1].trim();
    const btime = Number(/^btime\s+(\d+)$/m.exec((await readOptional(join(this.proc, 'stat'))) ?? '')?.[1]);
    return {
      hostname: hostname || os.hostname(),
      os: goOs(process.platform),
      platform: /^ID="?([^"\n]*)"?$/m.exec(osRelease)?.[1] || 'linux',
      arch: goArch(os.machine(), process.arch),
      kernel: os.release(),
      modelName: model || (await cpuModelFromSystemInformation()),
      bootTime: btime > 0 ? btime : undefined,
      virtualization: await detectVirtualization(root, cpuinfo),
    };
  }

  async cpuTimes(): Promise<CpuTimes> {
    const text = await readFile(join(this.proc, 'stat'), 'utf8');
    // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest is inside user)
    const fields = text.slice(0, text.indexOf('\n')).trim().split(/\s+/).slice(1, 9).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    const idle = fields[3] + (fields[4] ?? 0);
    // iowait since 2.5.41, steal since 2.6.11: a kernel without them has no such figure, not 0.
    return {
      busy: total - idle,
      total,
      cores: text.match(/^cpu\d+\s/gm)?.length ?? os.cpus().length,
      ...(fields.length > 4 && { iowait: fields[4] }),
      ...(fields.length > 7 && { steal: fields[7] }),
    };
  }

  async memory(): Promise<MemoryReading> {
    const info = parseKeyValues(await readFile(join(this.proc, 'meminfo'), 'utf8'));
    const total = info.MemTotal * 1024;
    const available = (info.MemAvailable ?? info.MemFree + (info.Buffers ?? 0) + (info.Cached ?? 0)) * 1024;
    const swap =
      info.SwapTotal > 0 ? { total: info.SwapTotal * 1024, free: Math.min(info.SwapFree ?? 0, info.SwapTotal) * 1024 } : undefined;
    const limited = this.options.cgroupRoot ? await this.cgroupMemory(this.options.cgroupRoot) : undefined;
    // A container sees the host's /proc/meminfo; its own limit is the real total (never above the host's).
    if (limited && limited.limit < total) {
      return { total: limited.limit, available: Math.min(available, Math.max(0, limited.limit - limited.used)), swap };
    }
    return { total, available: Math.min(available, total), swap };
  }

  /** The memory limit and usage (minus reclaimable page cache) of the cgroup this process sees as its root. */
  private async cgroupMemory(dir: string): Promise<{ limit: number; used: number } | undefined> {
    const v2 = await readOptional(join(dir, 'memory.max'));
    const v1 = v2 === undefined ? await readOptional(join(dir, 'memory/memory.limit_in_bytes')) : undefined;
    const limit = Number((v2 ?? v1)?.trim());
    if (!Number.isFinite(limit) || limit <= 0 || limit >= NO_LIMIT) return undefined; // "max", missing, or unlimited
    const [usage, stat] =
      v2 !== undefined
        ? [await readOptional(join(dir, 'memory.current')), await readOptional(join(dir, 'memory.stat'))]
        : [await readOptional(join(dir, 'memory/memory.usage_in_bytes')), await readOptional(join(dir, 'memory/memory.stat'))];
    const stats = parseKeyValues(stat ?? '');
    const inactiveFile = stats.inactive_file ?? stats.total_inactive_file ?? 0;
    return { limit, used: Math.max(0, Number(usage ?? 0) - inactiveFile) };
  }

  async filesystems(): Promise<Filesystem[]> {
    // The host's mount table is PID 1's; our own is right when we run on the host.
    const file = this.onHostRoot ? join(this.proc, '1/mountinfo') : '/proc/self/mountinfo';
    const mounts = parseMountInfo(await readFile(file, 'utf8')).filter((m) => isRealFilesystem(m.type, m.source, m.mountPoint));
    // One entry per device: prefer the mount of the filesystem's own root, then the shortest path.
    mounts.sort((a, b) => Number(b.root === '/') - Number(a.root === '/') || a.mountPoint.length - b.mountPoint.length);
    const seen = new Set<string>();
    const unique = mounts.filter((m) => !seen.has(m.majorMinor) && !!seen.add(m.majorMinor));
    const sized = await Promise.all(
      unique.map(async (m) => {
        try {
          const s = await statfs(join(this.options.hostRoot, m.mountPoint));
          const total = s.blocks * s.bsize;
          if (total === 0) return undefined;
          return { path: m.mountPoint, device: m.device, total, used: (s.blocks - s.bfree) * s.bsize, free: s.bavail * s.bsize };
        } catch {
          return undefined; // hidden from us (e.g. systemd ProtectHome) or gone since the mount table was read
        }
      }),
    );
    return sized.filter((f): f is Filesystem => f !== undefined).sort((a, b) => a.path.localeCompare(b.path));
  }

  async diskCounters(): Promise<Map<string, IoCounters>> {
    const counters = new Map<string, IoCounters>();
    for (const line of (await readFile(join(this.proc, 'diskstats'), 'utf8')).split('\n')) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10) continue;
      // Sectors here are always 512 bytes, whatever the device's sector size.
      const io = { read: Number(f[5]) * 512, written: Number(f[9]) * 512 };
      counters.set(`${f[0]}:${f[1]}`, io);
      counters.set(f[2], io);
    }
    return counters;
  }

  async network(): Promise<NetworkReading> {
    const counters = new Map<string, NetCounters>();
    for (const line of (await readFile(join(this.proc, 'net/dev'), 'utf8')).split('\n').slice(2)) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const f = line
        .slice(colon + 1)
        .trim()
        .split(/\s+/);
      counters.set(line.slice(0, colon).trim(), { rx: Number(f[0]), tx: Number(f[8]) });
    }
    return { counters, defaultInterface: await this.defaultInterface() };
  }

  /** The interface of the IPv4 default route with the lowest metric, else the IPv6 one. */
  private async defaultInterface(): Promise<string> {
    const v4 = (await readOptional(join(this.proc, 'net/route'))) ?? '';
    let best: { name: string; metric: number } | undefined;
    for (const line of v4.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[1] !== '00000000' || f[7] !== '00000000') continue;
      const metric = Number(f[6]);
      if (!best || metric < best.metric) best = { name: f[0], metric };
    }
    if (best) return best.name;
    const v6 = (await readOptional(join(this.proc, 'net/ipv6_route'))) ?? '';
    const route = v6
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .find((f) => /^0+$/.test(f[0] ?? '') && f[1] === '00' && f[9] !== 'lo');
    return route?.[9] ?? '';
  }

  async uptime(): Promise<number> {
    return Math.floor(Number((await readFile(join(this.proc, 'uptime'), 'utf8')).split(' ')[0]));
  }

  async load(): Promise<LoadInfo | undefined> {
    // `0.52 0.61 0.70 2/345 12345`: the 1, 5 and 15 minute run-queue averages first.
    const [load1, load5, load15] = ((await readOptional(join(this.proc, 'loadavg'))) ?? '').split(' ', 3).map(Number);
    return [load1, load5, load15].every((v) => v >= 0) ? { load1, load5, load15 } : undefined;
  }

  /** The numbered directories of /proc: one per process (threads are not listed there). */
  async processes(): Promise<number | undefined> {
    let entries: string[];
    try {
      entries = await readdir(this.proc);
    } catch {
      return undefined;
    }
    let count = 0;
    for (const name of entries) {
      const c = name.charCodeAt(0);
      if (c >= 0x30 && c <= 0x39) count++; // only PIDs start with a digit
    }
    return count;
  }

  async connections(): Promise<ConnectionsInfo | undefined> {
    this.socketBuffer ??= Buffer.allocUnsafe(SOCKET_CHUNK_BYTES);
    // One after the other: they share the buffer.
    const counts: (number | undefined)[] = [];
    for (const table of this.socketTables) counts.push(await countSockets(table, this.socketBuffer));
    if (counts.every((c) => c === undefined)) return undefined;
    const [tcp, tcp6, udp, udp6] = counts.map((c) => c ?? 0);
    return { tcp: tcp + tcp6, udp: udp + udp6 };
  }

  temperatures(): Promise<TemperatureInfo[] | undefined> {
    return this.sensors.read();
  }

  gpus(): Promise<GpuInfo[]> {
    return readAmdGpus(this.sys);
  }
}

/** Many ARM CPUs name no model in /proc/cpuinfo; systeminformation knows them (loaded only then, once). */
async function cpuModelFromSystemInformation(): Promise<string> {
  const cpu = await (await import('systeminformation')).cpu();
  return `${cpu.manufacturer} ${cpu.brand}`.trim() || 'unknown';
}

interface Mount {
  majorMinor: string;
  root: string;
  mountPoint: string;
  type: string;
  source: string;
  /** What /proc/diskstats calls it: `major:minor`, or the source's name for btrfs/zfs (major 0). */
  device: string;
}

/** /proc/PID/mountinfo: `id parent major:minor root mountpoint options [optional...] - type source superoptions`. */
export function parseMountInfo(text: string): Mount[] {
  const mounts: Mount[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(' ');
    const dash = f.indexOf('-', 6);
    if (dash < 0) continue;
    const majorMinor = f[2];
    const source = unescape(f[dash + 2] ?? '');
    mounts.push({
      majorMinor,
      root: unescape(f[3]),
      mountPoint: unescape(f[4]),
      type: f[dash + 1],
      source,
      device: majorMinor.startsWith('0:') ? source.replace(/^\/dev\//, '') : majorMinor,
    });
  }
  return mounts;
}

/** Mount tables escape space, tab, newline and backslash as octal (`\040`). */
function unescape(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}

function parseKeyValues(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const m = /^(\S+?):?\s+(\d+)/.exec(line);
    if (m) out[m[1]] = Number(m[2]);
  }
  return out;
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}
