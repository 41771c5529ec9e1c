import {
  Limits,
  type ConnectionsInfo,
  type CpuInfo,
  type DiskInfo,
  type GpuInfo,
  type InterfaceInfo,
  type ServerInfo,
} from '@sss/contracts/constants';
import type { Log } from '@sss/log';
import { BackgroundRefresh } from './background-refresh';
import { counterRate } from './counter-rate';
import { matchesAny } from './exclusion-rules';
import type { CpuTimes, Filesystem, HostFacts, HostReader, IoCounters, MemoryReading, NetCounters } from './host-reader';
import { readNvidiaSmi } from './nvidia-smi';

/** The configured part of every report. `ip` may be filled in later by a lookup. */
export interface ReportIdentity {
  serverId: string;
  /** The host's hostname when not set. */
  serverName?: string;
  group?: string;
  countryCode?: string;
  location?: string;
  ip?: string;
  /** This agent's version (package.json), sent as `agentVersion`. */
  agentVersion?: string;
}

export interface CollectorOptions {
  /** Filesystem sizes (a statfs per mount) are refreshed this often, in the background. */
  diskRefreshMs: number;
  /** GPUs (nvidia-smi, AMD's sysfs files) are re-read this often, in the background. */
  gpuRefreshMs: number;
  /** The nvidia-smi binary, when the host has one. */
  nvidiaSmi?: string;
  excludeInterfaces: readonly string[];
  log: Log;
  now?: () => number;
}

interface Counters {
  at: number;
  cpu: CpuTimes;
  disks: Map<string, IoCounters>;
  net: Map<string, NetCounters>;
}

/** How often connections are counted, in the background. */
const CONNECTIONS_REFRESH_MS = 15_000;

/** Turns readings into a ServerInfo; rates come from the difference to the previous sample. */
export class Collector {
  private facts?: HostFacts;
  private previous?: Counters;
  private readonly filesystems: BackgroundRefresh<Filesystem[]>;
  private readonly gpus: BackgroundRefresh<GpuInfo[]>;
  private readonly connections: BackgroundRefresh<ConnectionsInfo | undefined>;
  /** The last nvidia-smi failure logged, so one that repeats every refresh is logged once. */
  private gpuError?: string;
  private readonly now: () => number;

  constructor(
    private readonly reader: HostReader,
    readonly identity: ReportIdentity,
    private readonly options: CollectorOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.filesystems = new BackgroundRefresh(
      () => reader.filesystems(),
      [],
      options.diskRefreshMs,
      this.now,
      (err) => options.log.warn('cannot read filesystems; keeping the last sizes', { error: String(err) }),
    );
    this.gpus = new BackgroundRefresh(
      () => this.readGpus(),
      [],
      options.gpuRefreshMs,
      this.now,
      (err) => options.log.warn('cannot read GPUs; keeping the last readings', { error: String(err) }),
    );
    // /proc hands the socket tables out a page per read, and the kernel walks its whole socket hash for
    // them, however few sockets there are: too slow to wait for with many connections, too costly for
    // every sample (README, Agent benchmark). A sample reports the last finished count.
    this.connections = new BackgroundRefresh(
      () => reader.connections(),
      undefined,
      CONNECTIONS_REFRESH_MS,
      this.now,
      (err) => options.log.warn('cannot count connections; keeping the last count', { error: String(err) }),
    );
  }

  async sample(): Promise<ServerInfo> {
    this.facts ??= await this.reader.facts();
    // Only the first sample waits, for sizes and the connection count; none waits for nvidia-smi.
    const refreshes = [this.filesystems, this.connections].map((r) => {
      const done = r.refresh();
      return r.neverRead ? done : Promise.resolve();
    });
    void this.gpus.refresh();
    await Promise.all(refreshes);
    const at = this.now();
    const [cpu, memory, disks, network, uptime, load, processes, temperatures] = await Promise.all([
      this.reader.cpuTimes(),
      this.reader.memory(),
      this.reader.diskCounters(),
      this.reader.network(),
      this.reader.uptime(),
      this.reader.load(),
      this.reader.processes(),
      this.reader.temperatures(),
    ]);
    const prev = this.previous;
    const seconds = prev ? (at - prev.at) / 1000 : 0;
    this.previous = { at, cpu, disks, net: network.counters };

    let bytesSent = 0,
      bytesRecv = 0,
      inSpeed = 0,
      outSpeed = 0;
    const interfaces: InterfaceInfo[] = [];
    for (const [name, c] of network.counters) {
      if (matchesAny(name, this.options.excludeInterfaces)) continue;
      const rx = counterRate(prev?.net.get(name)?.rx, c.rx, seconds);
      const tx = counterRate(prev?.net.get(name)?.tx, c.tx, seconds);
      bytesSent += c.tx;
      bytesRecv += c.rx;
      inSpeed += rx;
      outSpeed += tx;
      if (interfaces.length < Limits.MAX_INTERFACES) {
        interfaces.push({ name: text(name), bytesSent: c.tx, bytesRecv: c.rx, inSpeed: Math.round(rx), outSpeed: Math.round(tx) });
      }
    }
    const used = memory.total - memory.available;
    const facts = this.facts;
    const gpus = this.gpus.value;
    const connections = this.connections.value;
    // The 1.1 fields are left out where the host has no such thing (PROTOCOL.md): never a made-up 0.
    return {
      ...this.identity,
      serverName: this.identity.serverName || facts.hostname,
      cpu: {
        percent: percent(cpuBusyShare(prev?.cpu, cpu)),
        cores: cpu.cores,
        modelName: text(facts.modelName),
        ...cpuWaits(prev?.cpu, cpu),
      },
      memory: { total: memory.total, used, available: memory.available, usedPercent: percent(used / memory.total) },
      disk: this.filesystems.value.slice(0, Limits.MAX_DISKS).map((fs) => this.disk(fs, disks, prev?.disks, seconds)),
      network: {
        interfaceName: text(network.defaultInterface),
        bytesSent,
        bytesRecv,
        inSpeed: Math.round(inSpeed),
        outSpeed: Math.round(outSpeed),
        ...(interfaces.length > 0 && { interfaces }),
      },
      system: {
        hostname: text(facts.hostname),
        os: facts.os,
        platform: text(facts.platform),
        arch: facts.arch,
        kernel: text(facts.kernel),
        uptime,
        ...(facts.bootTime !== undefined && { bootTime: facts.bootTime }),
        ...(facts.virtualization !== undefined && { virtualization: text(facts.virtualization) }),
      },
      timestamp: Math.floor(at / 1000),
      ...(load && { load: { load1: round2(load.load1), load5: round2(load.load5), load15: round2(load.load15) } }),
      ...(memory.swap && { swap: swapInfo(memory.swap) }),
      ...(processes !== undefined && { processes }),
      ...(connections && { connections }),
      ...(temperatures && { temperatures }),
      ...(gpus.length > 0 && { gpu: gpus }),
    };
  }

  /** The reader's own GPUs and nvidia-smi's; a failing nvidia-smi leaves its GPUs out (and is logged once). */
  private async readGpus(): Promise<GpuInfo[]> {
    const { nvidiaSmi, log } = this.options;
    const nvidia = nvidiaSmi
      ? readNvidiaSmi(nvidiaSmi).then(
          (gpus) => {
            this.gpuError = undefined;
            return gpus;
          },
          (err: Error) => {
            if (err.message !== this.gpuError)
              log.warn('nvidia-smi failed; reporting no NVIDIA GPU until it works', { error: err.message });
            this.gpuError = err.message;
            return [];
          },
        )
      : [];
    const [theirs, own] = await Promise.all([nvidia, this.reader.gpus()]);
    return [...theirs, ...own].slice(0, Limits.MAX_GPUS);
  }

  private disk(fs: Filesystem, now: Map<string, IoCounters>, before: Map<string, IoCounters> | undefined, seconds: number): DiskInfo {
    const io = now.get(fs.device);
    const was = before?.get(fs.device);
    return {
      path: text(fs.path),
      total: fs.total,
      used: fs.used,
      free: fs.free,
      // Like df: the share of the space users may fill (root-reserved blocks excluded).
      usedPercent: percent(fs.used / (fs.used + fs.free)),
      readSpeed: io ? Math.round(counterRate(was?.read, io.read, seconds)) : 0,
      writeSpeed: io ? Math.round(counterRate(was?.written, io.written, seconds)) : 0,
    };
  }
}

/** Busy share since the previous reading; the first sample has only the average since boot. */
function cpuBusyShare(prev: CpuTimes | undefined, cur: CpuTimes): number {
  const total = cur.total - (prev?.total ?? 0);
  const busy = cur.busy - (prev?.busy ?? 0);
  return total > 0 && busy > 0 ? busy / total : 0;
}

/** iowait and steal as percent of CPU time since the previous reading, where the reader has them. */
function cpuWaits(prev: CpuTimes | undefined, cur: CpuTimes): Pick<CpuInfo, 'iowait' | 'steal'> {
  const total = cur.total - (prev?.total ?? 0);
  const shareOf = (was: number | undefined, now: number) => {
    const delta = now - (was ?? 0);
    // A counter that went backwards (or a total that did) gives 0, as rates do.
    return percent(total > 0 && delta >= 0 ? delta / total : 0);
  };
  return {
    ...(cur.iowait !== undefined && { iowait: shareOf(prev?.iowait, cur.iowait) }),
    ...(cur.steal !== undefined && { steal: shareOf(prev?.steal, cur.steal) }),
  };
}

function swapInfo(swap: NonNullable<MemoryReading['swap']>): NonNullable<ServerInfo['swap']> {
  const used = swap.total - swap.free;
  return { total: swap.total, used, usedPercent: percent(used / swap.total) };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** A 0..1 share as a percentage with two decimals; anything not finite is 0. */
function percent(share: number): number {
  return Number.isFinite(share) ? Math.round(Math.min(1, Math.max(0, share)) * 10_000) / 100 : 0;
}

function text(s: string): string {
  return s.slice(0, Limits.TEXT_MAX_LENGTH);
}
