import * as os from 'node:os';
import { isHostFilesystem } from './exclusion-rules';
import { goArch, goOs } from './go-names';
import type { CpuTimes, Filesystem, HostFacts, HostReader, IoCounters, MemoryReading, NetCounters, NetworkReading } from './host-reader';

/**
 * Every platform other than Linux (a developer's Mac running `npm start`):
 * systeminformation, which spawns helper processes there. Per-device disk
 * counters are not available this way, so disk speeds stay 0.
 */
export class SystemInformationReader implements HostReader {
  /** Loaded only on the platforms that use this reader: it costs memory. */
  private readonly si = import('systeminformation');

  async facts(): Promise<HostFacts> {
    const si = await this.si;
    const [osInfo, cpu] = await Promise.all([si.osInfo(), si.cpu()]);
    return {
      hostname: os.hostname(),
      os: goOs(process.platform),
      platform: osInfo.distro || process.platform,
      arch: goArch(os.machine(), process.arch),
      kernel: os.release(),
      modelName: os.cpus()[0]?.model.trim() || `${cpu.manufacturer} ${cpu.brand}`.trim(),
    };
  }

  cpuTimes(): Promise<CpuTimes> {
    return Promise.resolve(cpuTimesFromOs());
  }

  async memory(): Promise<MemoryReading> {
    const mem = await (await this.si).mem();
    return { total: mem.total, available: Math.min(mem.available, mem.total) };
  }

  async filesystems(): Promise<Filesystem[]> {
    const seen = new Set<string>();
    return (await (await this.si).fsSize())
      .filter((f) => f.size > 0 && isHostFilesystem(f.type, f.fs, f.mount) && !seen.has(f.fs) && !!seen.add(f.fs))
      .map((f) => ({ path: f.mount, device: f.fs, total: f.size, used: f.used, free: f.available }));
  }

  diskCounters(): Promise<Map<string, IoCounters>> {
    return Promise.resolve(new Map<string, IoCounters>());
  }

  async network(): Promise<NetworkReading> {
    const si = await this.si;
    const [stats, defaultInterface] = await Promise.all([si.networkStats('*'), si.networkInterfaceDefault()]);
    return {
      counters: new Map<string, NetCounters>(stats.map((s) => [s.iface, { rx: s.rx_bytes, tx: s.tx_bytes }])),
      defaultInterface,
    };
  }

  uptime(): Promise<number> {
    return Promise.resolve(Math.floor(os.uptime()));
  }
}

/** Node's own CPU times (no process spawned); iowait is not among them, so it counts as idle. */
function cpuTimesFromOs(): CpuTimes {
  let busy = 0;
  let total = 0;
  const cpus = os.cpus();
  for (const { times } of cpus) {
    const all = times.user + times.nice + times.sys + times.irq + times.idle;
    total += all;
    busy += all - times.idle;
  }
  return { busy, total, cores: cpus.length };
}
