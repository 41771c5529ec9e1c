import type { ConnectionsInfo, GpuInfo, LoadInfo, TemperatureInfo } from '@sss/contracts/constants';

// Raw readings from the host; the Collector turns them into a ServerInfo.
// An optional reading is undefined where the host does not have it (no swap,
// no sensors, no GPU): the report then leaves the field out, never sends 0.

export interface HostFacts {
  hostname: string;
  os: string;
  platform: string;
  arch: string;
  kernel: string;
  modelName: string;
  /** Unix seconds of the last boot: the agent cannot outlive a reboot, so a fact. */
  bootTime?: number;
  /** systemd-detect-virt's answer: `kvm`, `docker`, ..., `none`. */
  virtualization?: string;
}

/** Cumulative CPU time; only differences between two readings mean anything. */
export interface CpuTimes {
  busy: number;
  total: number;
  cores: number;
  /** Time waiting for I/O and stolen by the hypervisor, in the unit of `total`. */
  iowait?: number;
  steal?: number;
}

export interface MemoryReading {
  total: number;
  available: number;
  /** Absent on a host without swap. */
  swap?: { total: number; free: number };
}

/** One real filesystem; `device` keys its entry in `diskCounters()`. */
export interface Filesystem {
  path: string;
  device: string;
  total: number;
  used: number;
  free: number;
}

/** Cumulative bytes. */
export interface IoCounters {
  read: number;
  written: number;
}

/** Cumulative bytes. */
export interface NetCounters {
  rx: number;
  tx: number;
}

export interface NetworkReading {
  /** Every interface; the Collector applies the exclusion rules. */
  counters: Map<string, NetCounters>;
  defaultInterface: string;
}

export interface HostReader {
  /** Facts that do not change while the agent runs; read once. */
  facts(): Promise<HostFacts>;
  cpuTimes(): Promise<CpuTimes>;
  memory(): Promise<MemoryReading>;
  /** The slow reading (a statfs per mount): the Collector refreshes it less often. */
  filesystems(): Promise<Filesystem[]>;
  diskCounters(): Promise<Map<string, IoCounters>>;
  network(): Promise<NetworkReading>;
  /** Seconds since boot. */
  uptime(): Promise<number>;
  load(): Promise<LoadInfo | undefined>;
  processes(): Promise<number | undefined>;
  connections(): Promise<ConnectionsInfo | undefined>;
  temperatures(): Promise<TemperatureInfo[] | undefined>;
  /** GPUs the reader finds itself (AMD on Linux); NVIDIA's come from nvidia-smi. Read in the background. */
  gpus(): Promise<GpuInfo[]>;
}
