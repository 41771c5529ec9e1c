import type { ServerInfo } from './server-info';

/** The numbers of a report that history keeps, by what they are; each place names them its own way. */
export interface ReadingNames {
  cpu: string;
  iowait: string;
  steal: string;
  memory: string;
  swap: string;
  load: string;
  processes: string;
  tcp: string;
  udp: string;
  temperature: string;
  netIn: string;
  netOut: string;
  netSent: string;
  netRecv: string;
  /** Per disk and GPU: followed by a space and the mount, or the GPU's index. */
  diskUsed: string;
  diskRead: string;
  diskWrite: string;
  gpuUtil: string;
}

/** The history API's series names (`GET /api/servers/:id/history`). */
export const SERIES_NAMES: ReadingNames = {
  cpu: 'cpu',
  iowait: 'cpu.iowait',
  steal: 'cpu.steal',
  memory: 'memory.used',
  swap: 'swap.used',
  load: 'load.1',
  processes: 'processes',
  tcp: 'connections.tcp',
  udp: 'connections.udp',
  temperature: 'temperature.max',
  netIn: 'network.in',
  netOut: 'network.out',
  netSent: 'network.sent',
  netRecv: 'network.recv',
  diskUsed: 'disk.used',
  diskRead: 'disk.read',
  diskWrite: 'disk.write',
  gpuUtil: 'gpu.util',
};

/**
 * A report's readings under `names`: what the dashboard records of each
 * report and what the console appends live to its charts are one list.
 * Version 1.1 fields (PROTOCOL.md "Optional fields") count when present.
 */
export function reportReadings(info: ServerInfo, names: ReadingNames): Record<string, number> {
  const values: Record<string, number> = {
    [names.cpu]: info.cpu.percent,
    [names.memory]: info.memory.used,
    [names.netIn]: info.network.inSpeed,
    [names.netOut]: info.network.outSpeed,
    [names.netSent]: info.network.bytesSent,
    [names.netRecv]: info.network.bytesRecv,
  };
  for (const disk of info.disk) {
    values[`${names.diskUsed} ${disk.path}`] = disk.used;
    values[`${names.diskRead} ${disk.path}`] = disk.readSpeed;
    values[`${names.diskWrite} ${disk.path}`] = disk.writeSpeed;
  }
  if (info.swap) values[names.swap] = info.swap.used;
  if (info.load) values[names.load] = info.load.load1;
  if (info.cpu.iowait !== undefined) values[names.iowait] = info.cpu.iowait;
  if (info.cpu.steal !== undefined) values[names.steal] = info.cpu.steal;
  if (info.processes !== undefined) values[names.processes] = info.processes;
  if (info.connections) {
    values[names.tcp] = info.connections.tcp;
    values[names.udp] = info.connections.udp;
  }
  // The hottest sensor only: what a chart of "did it run hot" needs, at one series however many sensors a host has.
  if (info.temperatures?.length) values[names.temperature] = Math.max(...info.temperatures.map((t) => t.celsius));
  // By position: two cards of one model have one name, and an agent lists its GPUs in a stable order.
  info.gpu?.forEach((gpu, index) => (values[`${names.gpuUtil} ${index}`] = gpu.utilPercent));
  return values;
}
