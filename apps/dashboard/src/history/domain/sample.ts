import { type ReadingNames, reportReadings, type ServerInfo } from '@sss/contracts';

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

/** The stored channel names of each reading (channels.ts); existing databases hold these, so they stay. */
export const CHANNEL_NAMES: ReadingNames = {
  cpu: 'cpu',
  iowait: 'cpu.iowait',
  steal: 'cpu.steal',
  memory: 'mem',
  swap: 'swap',
  load: 'load',
  processes: 'procs',
  tcp: 'conn.tcp',
  udp: 'conn.udp',
  temperature: 'temp.max',
  netIn: 'net.in',
  netOut: 'net.out',
  netSent: 'net.sent',
  netRecv: 'net.recv',
  diskUsed: 'disk.used',
  diskRead: 'disk.read',
  diskWrite: 'disk.write',
  gpuUtil: 'gpu.util',
};

/** The channels of one report, as history keeps them. */
export function sampleOf(info: ServerInfo, at: number): Sample {
  return { at, values: reportReadings(info, CHANNEL_NAMES) };
}
