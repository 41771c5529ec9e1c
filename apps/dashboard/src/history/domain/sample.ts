import type { ServerInfo } from '@sss/contracts';

/** Numeric readings of one moment by channel name (see channels.ts). */
export type Channels = Record<string, number>;

/**
 * What history keeps of one report, or of one step of a roll-up: `values`
 * are the readings (the averages, in a roll-up) and `max` the maxima of a
 * roll-up step. Times are Unix milliseconds.
 */
export interface Sample {
  at: number;
  values: Channels;
  max?: Channels;
}

export interface ServerSample {
  serverId: string;
  sample: Sample;
}

/** The channels of one report, as history keeps them. */
export function sampleOf(info: ServerInfo, at: number): Sample {
  const values: Channels = {
    cpu: info.cpu.percent,
    mem: info.memory.used,
    'net.in': info.network.inSpeed,
    'net.out': info.network.outSpeed,
    'net.sent': info.network.bytesSent,
    'net.recv': info.network.bytesRecv,
  };
  for (const disk of info.disk) {
    values[`disk.used ${disk.path}`] = disk.used;
    values[`disk.read ${disk.path}`] = disk.readSpeed;
    values[`disk.write ${disk.path}`] = disk.writeSpeed;
  }
  // Version 1.1 fields, recorded when an agent sends them (PROTOCOL.md "Optional fields").
  if (info.swap) values.swap = info.swap.used;
  if (info.load) values.load = info.load.load1;
  if (info.cpu.iowait !== undefined) values['cpu.iowait'] = info.cpu.iowait;
  if (info.cpu.steal !== undefined) values['cpu.steal'] = info.cpu.steal;
  if (info.processes !== undefined) values.procs = info.processes;
  if (info.connections) {
    values['conn.tcp'] = info.connections.tcp;
    values['conn.udp'] = info.connections.udp;
  }
  // The hottest sensor only: what a chart of "did it run hot" needs, at one channel however many sensors a host has.
  if (info.temperatures?.length) values['temp.max'] = Math.max(...info.temperatures.map((t) => t.celsius));
  // By position: two cards of one model have one name, and an agent lists its GPUs in a stable order.
  info.gpu?.forEach((gpu, index) => (values[`gpu.util ${index}`] = gpu.utilPercent));
  return { at, values };
}
