/** A report's network counters, as the meter compares them with the previous report's. */
export interface CounterReading {
  /** Bytes sent and received since the host booted (the agent sums its interfaces). */
  sent: number;
  recv: number;
  /** Unix seconds of the host's last boot; absent from agents before protocol 1.1. */
  bootTime?: number;
}

export interface Bytes {
  sent: number;
  recv: number;
}

/**
 * How far apart two boot times may be and still be the same boot: an agent
 * that derives it from the uptime can round it either way by a second.
 */
const SAME_BOOT_SECONDS = 2;

/** True when the counters started again from zero between the two readings: the host rebooted or a counter went backwards. */
export function countersReset(previous: CounterReading, next: CounterReading): boolean {
  const rebooted =
    previous.bootTime !== undefined && next.bootTime !== undefined && Math.abs(next.bootTime - previous.bootTime) > SAME_BOOT_SECONDS;
  return rebooted || next.sent < previous.sent || next.recv < previous.recv;
}

/**
 * The bytes moved between two readings. Without a previous reading (a server
 * seen for the first time) nothing is known of what came before: zero. After
 * a reset the new counters are all new traffic, counted from zero.
 */
export function trafficBetween(previous: CounterReading | undefined, next: CounterReading): Bytes {
  if (!previous) return { sent: 0, recv: 0 };
  if (countersReset(previous, next)) return { sent: next.sent, recv: next.recv };
  return { sent: next.sent - previous.sent, recv: next.recv - previous.recv };
}
