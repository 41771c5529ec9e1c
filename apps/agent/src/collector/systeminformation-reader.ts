import * as os from 'node:os';
import { Limits, type ConnectionsInfo, type GpuInfo, type LoadInfo, type TemperatureInfo } from '@sss/contracts/constants';
import { isHostFilesystem } from './exclusion-rules';
import { goArch, goOs } from './go-names';
import type { CpuTimes, Filesystem, HostFacts, HostReader, IoCounters, MemoryReading, NetCounters, NetworkReading } from './host-reader';
import { hypervisorName } from './virtualization';

/**
 * Every platform other than Linux (a developer's Mac running `npm start`):
 * systeminformation, which spawns helper processes there. Per-device disk
 * counters are not available this way, so disk speeds stay 0. Left out as
 * too costly for every sample: process and connection counts (its
 * processes() took ~4 s on a 2-core machine, networkConnections() runs
 * netstat), and iowait/steal, which Node's CPU times do not have.
 */
export class SystemInformationReader implements HostReader {
  /** Loaded only on the platforms that use this reader: it costs memory. */
  private readonly si = import('systeminformation');

  async facts(): Promise<HostFacts> {
    const si = await this.si;
    const [osInfo, cpu, system] = await Promise.all([si.osInfo(), si.cpu(), si.system()]);
    return {
      hostname: os.hostname(),
      os: goOs(process.platform),
      platform: osInfo.distro || process.platform,
      arch: goArch(os.machine(), process.arch),
      kernel: os.release(),
      modelName: os.cpus()[0]?.model.trim() || `${cpu.manufacturer} ${cpu.brand}`.trim(),
      // Once, so a rounding of the uptime cannot move it by a second between reports (it would look like a reboot).
      bootTime: Math.round(Date.now() / 1000 - os.uptime()),
      virtualization: system.virtual ? (hypervisorName(system.virtualHost ?? '') ?? 'vm') : 'none',
    };
  }

  cpuTimes(): Promise<CpuTimes> {
    return Promise.resolve(cpuTimesFromOs());
  }

  async memory(): Promise<MemoryReading> {
    const mem = await (await this.si).mem();
    const swap = mem.swaptotal > 0 ? { total: mem.swaptotal, free: Math.min(mem.swapfree, mem.swaptotal) } : undefined;
    return { total: mem.total, available: Math.min(mem.available, mem.total), swap };
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

  load(): Promise<LoadInfo | undefined> {
    // Windows has no load average: Node answers [0, 0, 0] there.
    if (process.platform === 'win32') return Promise.resolve(undefined);
    const [load1, load5, load15] = os.loadavg();
    return Promise.resolve({ load1, load5, load15 });
  }

  processes(): Promise<number | undefined> {
    return Promise.resolve(undefined);
  }

  connections(): Promise<ConnectionsInfo | undefined> {
    return Promise.resolve(undefined);
  }

  async temperatures(): Promise<TemperatureInfo[] | undefined> {
    // On Windows this is a PowerShell run per call: too slow for every sample.
    if (process.platform === 'win32') return undefined;
    const t = await (await this.si).cpuTemperature();
    const readings: [string, number | null | undefined][] = [
      ['cpu/main', t.main],
      ...t.cores.map((c, i): [string, number] => [`cpu/core ${i}`, c]),
      ['chipset', t.chipset],
    ];
    const out = readings
      .filter((r): r is [string, number] => typeof r[1] === 'number' && Number.isFinite(r[1]))
      .map(([sensor, celsius]) => ({ sensor, celsius }))
      .slice(0, Limits.MAX_TEMPERATURES);
    return out.length ? out : undefined;
  }

  gpus(): Promise<GpuInfo[]> {
    return Promise.resolve([]);
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
