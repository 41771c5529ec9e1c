// The report an agent sends and the frontend receives (PROTOCOL.md section 1).
// Plain interfaces so the browser can import them without class-validator.

export interface CpuInfo {
  percent: number;
  cores: number;
  modelName: string;
  /** 1.1: percent of CPU time since the previous report. */
  iowait?: number;
  steal?: number;
}

export interface MemoryInfo {
  total: number;
  used: number;
  available: number;
  usedPercent: number;
}

export interface DiskInfo {
  path: string;
  total: number;
  used: number;
  free: number;
  usedPercent: number;
  readSpeed: number;
  writeSpeed: number;
}

export interface NetworkInfo {
  interfaceName: string;
  bytesSent: number;
  bytesRecv: number;
  inSpeed: number;
  outSpeed: number;
  /** 1.1: the interfaces the totals above sum (at most 64). */
  interfaces?: InterfaceInfo[];
}

export interface InterfaceInfo {
  name: string;
  bytesSent: number;
  bytesRecv: number;
  inSpeed: number;
  outSpeed: number;
}

export interface LoadInfo {
  load1: number;
  load5: number;
  load15: number;
}

export interface SwapInfo {
  total: number;
  used: number;
  usedPercent: number;
}

export interface ConnectionsInfo {
  tcp: number;
  udp: number;
}

export interface TemperatureInfo {
  sensor: string;
  /** The one number in a report that may be negative. */
  celsius: number;
}

export interface GpuInfo {
  name: string;
  utilPercent: number;
  memoryTotal: number;
  memoryUsed: number;
  celsius?: number;
}

export interface SystemInfo {
  hostname: string;
  os: string;
  platform: string;
  arch: string;
  kernel: string;
  uptime: number;
  /** 1.1: Unix time in seconds of the last boot. */
  bootTime?: number;
  /** 1.1: e.g. kvm, vmware, container, none. */
  virtualization?: string;
}

export interface ServerInfo {
  serverId: string;
  serverName: string;
  group?: string;
  countryCode?: string;
  location?: string;
  ip?: string;
  cpu: CpuInfo;
  memory: MemoryInfo;
  disk: DiskInfo[];
  network: NetworkInfo;
  system: SystemInfo;
  /** Unix time in seconds when the sample was taken. */
  timestamp: number;
  // Optional fields of protocol 1.1 (PROTOCOL.md): absent when the agent cannot read them.
  load?: LoadInfo;
  swap?: SwapInfo;
  processes?: number;
  connections?: ConnectionsInfo;
  temperatures?: TemperatureInfo[];
  gpu?: GpuInfo[];
  agentVersion?: string;
}

/** What /ws-frontend sends: a ServerInfo plus the two fields the dashboard may add. */
export interface ServerUpdate extends ServerInfo {
  online: boolean;
  /** Unix time in milliseconds of the last report the dashboard received. */
  lastSeen: number;
}
