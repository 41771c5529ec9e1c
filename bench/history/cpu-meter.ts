import { readdirSync } from 'node:fs';
import { cpuSeconds } from '../proc-sampler';

/** CPU seconds so far, from /proc. */
export interface CpuReading {
  at: number;
  main: number;
  store: number;
  threads: number;
  server: number;
}

/** CPU time as % of one core over `seconds`. */
export interface CpuShare {
  seconds: number;
  /** The event loop's thread. */
  mainPercent: number;
  /** The store's own threads (SQLite's worker). */
  storePercent: number;
  /** This process's other threads: garbage collection helpers, libuv's pool. */
  threadsPercent: number;
  /** The database server's processes (PostgreSQL). */
  serverPercent: number;
}

export function totalPercent(share: CpuShare): number {
  return share.mainPercent + share.storePercent + share.threadsPercent + share.serverPercent;
}

/**
 * Reads CPU time by thread from /proc/self/task: the main thread's id is the
 * process id, the store's threads are named, the rest runs beside them. The
 * database server's processes are counted apart.
 */
export class CpuMeter {
  constructor(private readonly from: { storeThreads: number[]; serverPids(): number[] }) {}

  read(): CpuReading {
    const reading = { at: performance.now(), main: 0, store: 0, threads: 0, server: 0 };
    for (const tid of readdirSync('/proc/self/task').map(Number)) {
      const cpu = cpuSeconds(`/proc/self/task/${tid}/stat`);
      if (tid === process.pid) reading.main += cpu;
      else if (this.from.storeThreads.includes(tid)) reading.store += cpu;
      else reading.threads += cpu;
    }
    // With the time of their children that have exited (a server's finished connections), which no live process holds.
    for (const pid of this.from.serverPids()) reading.server += cpuSeconds(`/proc/${pid}/stat`, true);
    return reading;
  }

  /** The CPU spent between two readings, over `wallSeconds` (default: the time between them). */
  static share(from: CpuReading, to: CpuReading, wallSeconds = (to.at - from.at) / 1000): CpuShare {
    const percent = (cpu: number) => (cpu / wallSeconds) * 100;
    return {
      seconds: wallSeconds,
      mainPercent: percent(to.main - from.main),
      storePercent: percent(to.store - from.store),
      threadsPercent: percent(to.threads - from.threads),
      serverPercent: percent(to.server - from.server),
    };
  }
}
