// The report an agent sends and the frontend receives (PROTOCOL.md section 1).
// Plain interfaces so the browser can import them without class-validator.

export interface CpuInfo {
  percent: number;
  cores: number;
  modelName: string;
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
}

export interface SystemInfo {
  hostname: string;
  os: string;
  platform: string;
  arch: string;
  kernel: string;
  uptime: number;
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
}

/** What /ws-frontend sends: a ServerInfo plus the two fields the dashboard may add. */
export interface ServerUpdate extends ServerInfo {
  online: boolean;
  /** Unix time in milliseconds of the last report the dashboard received. */
  lastSeen: number;
}
