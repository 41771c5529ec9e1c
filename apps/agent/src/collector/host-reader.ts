/** Raw readings from the host; the Collector turns them into a ServerInfo. */
export interface HostFacts {
  hostname: string;
  os: string;
  platform: string;
  arch: string;
  kernel: string;
  modelName: string;
}

/** Cumulative CPU time; only differences between two readings mean anything. */
export interface CpuTimes {
  busy: number;
  total: number;
  cores: number;
}

export interface MemoryReading {
  total: number;
  available: number;
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
}
