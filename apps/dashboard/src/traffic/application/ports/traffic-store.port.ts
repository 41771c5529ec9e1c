import type { CounterReading, Bytes } from '../../domain/traffic-meter';
import type { TrafficDay } from '../../domain/traffic-day';

/** A server's last network counters, kept so the traffic moved while the dashboard was down is counted after a restart. */
export interface StoredCounters extends CounterReading {
  serverId: string;
}

/** One server's bytes of one UTC day: the whole day's total so far, not an increment (saving it twice is harmless). */
export interface ServerTrafficDay extends TrafficDay {
  serverId: string;
}

export interface ServerBytes extends Bytes {
  serverId: string;
}

/** Where traffic accounting survives restarts: per server its last counters and its bytes per UTC day. */
export interface TrafficStore {
  /** Replaces each server's counters and each server day's totals, in one transaction. */
  save(counters: readonly StoredCounters[], days: readonly ServerTrafficDay[]): Promise<void>;
  loadCounters(): Promise<StoredCounters[]>;
  /** Every server's days from `from` on. */
  daysFrom(from: number): Promise<ServerTrafficDay[]>;
  /** Per server, the sum of its days from `from` on; servers without any are left out. */
  totalsFrom(from: number): Promise<ServerBytes[]>;
  /** One server's days in [from, to), oldest first. */
  days(serverId: string, from: number, to: number): Promise<TrafficDay[]>;
  /** Deletes every day before `before`; how many rows went. */
  expire(before: number): Promise<number>;
  /** Deletes the counters and days of a removed server. */
  purge(serverId: string): Promise<void>;
}

export const TRAFFIC_STORE = Symbol('TrafficStore');
