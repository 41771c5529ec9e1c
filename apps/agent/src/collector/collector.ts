import { Limits, type DiskInfo, type ServerInfo } from '@sss/contracts/constants';
import type { Log } from '@sss/log';
import { counterRate } from './counter-rate';
import { matchesAny } from './exclusion-rules';
import type { CpuTimes, Filesystem, HostFacts, HostReader, IoCounters, NetCounters } from './host-reader';

/** The configured part of every report. `ip` may be filled in later by a lookup. */
export interface ReportIdentity {
  serverId: string;
  /** The host's hostname when not set. */
  serverName?: string;
  group?: string;
  countryCode?: string;
  location?: string;
  ip?: string;
}

export interface CollectorOptions {
  /** Filesystem sizes (a statfs per mount) are refreshed this often, in the background. */
  diskRefreshMs: number;
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

/** Turns readings into a ServerInfo; rates come from the difference to the previous sample. */
export class Collector {
  private facts?: HostFacts;
  private previous?: Counters;
  private filesystems: Filesystem[] = [];
  private filesystemsAt?: number;
  private refreshing?: Promise<void>;
  private readonly now: () => number;

  constructor(
    private readonly reader: HostReader,
    readonly identity: ReportIdentity,
    private readonly options: CollectorOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async sample(): Promise<ServerInfo> {
    this.facts ??= await this.reader.facts();
    const refresh = this.refreshFilesystems();
    if (this.filesystemsAt === undefined) await refresh; // only the first sample waits for sizes
    const at = this.now();
    const [cpu, memory, disks, network, uptime] = await Promise.all([
      this.reader.cpuTimes(),
      this.reader.memory(),
      this.reader.diskCounters(),
      this.reader.network(),
      this.reader.uptime(),
    ]);
    const prev = this.previous;
    const seconds = prev ? (at - prev.at) / 1000 : 0;
    this.previous = { at, cpu, disks, net: network.counters };

    let bytesSent = 0,
      bytesRecv = 0,
      inSpeed = 0,
      outSpeed = 0;
    for (const [name, c] of network.counters) {
      if (matchesAny(name, this.options.excludeInterfaces)) continue;
      bytesSent += c.tx;
      bytesRecv += c.rx;
      inSpeed += counterRate(prev?.net.get(name)?.rx, c.rx, seconds);
      outSpeed += counterRate(prev?.net.get(name)?.tx, c.tx, seconds);
    }
    const used = memory.total - memory.available;
    const facts = this.facts;
    return {
      ...this.identity,
      serverName: this.identity.serverName || facts.hostname,
      cpu: { percent: percent(cpuBusyShare(prev?.cpu, cpu)), cores: cpu.cores, modelName: text(facts.modelName) },
      memory: { total: memory.total, used, available: memory.available, usedPercent: percent(used / memory.total) },
      disk: this.filesystems.slice(0, Limits.MAX_DISKS).map((fs) => this.disk(fs, disks, prev?.disks, seconds)),
      network: {
        interfaceName: text(network.defaultInterface),
        bytesSent,
        bytesRecv,
        inSpeed: Math.round(inSpeed),
        outSpeed: Math.round(outSpeed),
      },
      system: {
        hostname: text(facts.hostname),
        os: facts.os,
        platform: text(facts.platform),
        arch: facts.arch,
        kernel: text(facts.kernel),
        uptime,
      },
      timestamp: Math.floor(at / 1000),
    };
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

  /** Starts a refresh when the sizes are stale; never two at once. */
  private refreshFilesystems(): Promise<void> {
    const stale = this.filesystemsAt === undefined || this.now() - this.filesystemsAt >= this.options.diskRefreshMs;
    if (stale && !this.refreshing) {
      this.refreshing = this.reader
        .filesystems()
        .then((list) => {
          this.filesystems = list;
        })
        .catch((err) => this.options.log.warn('cannot read filesystems; keeping the last sizes', { error: String(err) }))
        .finally(() => {
          this.filesystemsAt = this.now(); // a failure is retried at the next refresh, not every sample
          this.refreshing = undefined;
        });
    }
    return this.refreshing ?? Promise.resolve();
  }
}

/** Busy share since the previous reading; the first sample has only the average since boot. */
function cpuBusyShare(prev: CpuTimes | undefined, cur: CpuTimes): number {
  const total = cur.total - (prev?.total ?? 0);
  const busy = cur.busy - (prev?.busy ?? 0);
  return total > 0 && busy > 0 ? busy / total : 0;
}

/** A 0..1 share as a percentage with two decimals; anything not finite is 0. */
function percent(share: number): number {
  return Number.isFinite(share) ? Math.round(Math.min(1, Math.max(0, share)) * 10_000) / 100 : 0;
}

function text(s: string): string {
  return s.slice(0, Limits.TEXT_MAX_LENGTH);
}
