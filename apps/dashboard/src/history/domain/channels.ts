import type { HistoryMetric, SeriesUnit } from '@sss/contracts';

/**
 * A channel name is a kind, optionally followed by a space and a subject
 * (a disk's mount path): `cpu`, `disk.used /`. The kind says what the number
 * is, which metric group it answers to, and how finely it is worth keeping.
 */
export interface ChannelKind {
  metric: HistoryMetric;
  unit: SeriesUnit;
  /** Stored as round(value / quantum): the finest difference worth a byte. */
  quantum: number;
  /** A running total: a roll-up keeps its last value, not an average. */
  counter?: boolean;
}

/** Sizes to the MiB and speeds to 8 B/s: finer than any chart shows, and each step of precision costs bits in every sample. */
const MIB = 1024 * 1024;
const SPEED = 8;

const KINDS: Record<string, ChannelKind> = {
  cpu: { metric: 'cpu', unit: 'percent', quantum: 0.01 },
  'cpu.iowait': { metric: 'cpu', unit: 'percent', quantum: 0.01 },
  'cpu.steal': { metric: 'cpu', unit: 'percent', quantum: 0.01 },
  mem: { metric: 'memory', unit: 'bytes', quantum: MIB },
  swap: { metric: 'swap', unit: 'bytes', quantum: MIB },
  load: { metric: 'load', unit: 'load', quantum: 0.01 },
  'disk.used': { metric: 'disk', unit: 'bytes', quantum: MIB },
  'disk.read': { metric: 'diskio', unit: 'bytes/s', quantum: SPEED },
  'disk.write': { metric: 'diskio', unit: 'bytes/s', quantum: SPEED },
  'net.in': { metric: 'network', unit: 'bytes/s', quantum: SPEED },
  'net.out': { metric: 'network', unit: 'bytes/s', quantum: SPEED },
  'net.sent': { metric: 'network', unit: 'bytes', quantum: 1, counter: true },
  'net.recv': { metric: 'network', unit: 'bytes', quantum: 1, counter: true },
  procs: { metric: 'processes', unit: 'count', quantum: 1 },
  'conn.tcp': { metric: 'connections', unit: 'count', quantum: 1 },
  'conn.udp': { metric: 'connections', unit: 'count', quantum: 1 },
  // Sensors read whole or half degrees; a tenth keeps averages honest at one byte a report.
  'temp.max': { metric: 'temperature', unit: 'celsius', quantum: 0.1 },
  'gpu.util': { metric: 'gpu', unit: 'percent', quantum: 0.01 },
};

/** Unknown kinds (from a newer dashboard's data) are kept at full precision under no metric. */
const UNKNOWN: ChannelKind = { metric: 'cpu', unit: 'count', quantum: 1e-6 };

export function splitChannel(name: string): { kind: string; subject?: string } {
  const space = name.indexOf(' ');
  return space < 0 ? { kind: name } : { kind: name.slice(0, space), subject: name.slice(space + 1) };
}

export function channelKind(name: string): ChannelKind {
  return KINDS[splitChannel(name).kind] ?? UNKNOWN;
}

export function isKnownChannel(name: string): boolean {
  return splitChannel(name).kind in KINDS;
}
