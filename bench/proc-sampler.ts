import { readFileSync } from 'node:fs';

const CLOCK_TICKS = 100; // USER_HZ on Linux

export interface ProcUsage {
  /** The whole process, every thread. */
  cpuPercent: number;
  /** The main thread alone: the event loop (and, with --single-threaded-gc, its garbage collection). */
  mainCpuPercent: number;
  rssAvgMb: number;
  rssMaxMb: number;
}

interface CpuReading {
  at: number;
  cpu: number;
  main: number;
}

/** Samples a process's CPU time and RSS from /proc once a second. */
export class ProcSampler {
  private timer?: NodeJS.Timeout;
  private first?: CpuReading;
  private last?: CpuReading;
  private rss: number[] = [];

  constructor(private readonly pid: number) {}

  start(): void {
    this.first = this.read();
    this.timer = setInterval(() => {
      this.last = this.read();
      this.rss.push(this.readRss());
    }, 1_000);
  }

  stop(): ProcUsage {
    clearInterval(this.timer);
    this.last = this.read();
    this.rss.push(this.readRss());
    const seconds = (this.last.at - this.first!.at) / 1000;
    const percent = (key: 'cpu' | 'main') => ((this.last![key] - this.first![key]) / seconds) * 100;
    const mb = (kb: number) => kb / 1024;
    return {
      cpuPercent: percent('cpu'),
      mainCpuPercent: percent('main'),
      rssAvgMb: mb(this.rss.reduce((a, b) => a + b, 0) / this.rss.length),
      rssMaxMb: mb(Math.max(...this.rss)),
    };
  }

  private read(): CpuReading {
    // The main thread's task id is the process id.
    return { at: Date.now(), cpu: cpuSeconds(`/proc/${this.pid}/stat`), main: cpuSeconds(`/proc/${this.pid}/task/${this.pid}/stat`) };
  }

  private readRss(): number {
    const m = readFileSync(`/proc/${this.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
    return m ? Number(m[1]) : 0;
  }
}

/** utime + stime of one task or process (and cutime + cstime, its reaped children's), in seconds; 0 once it is gone. */
export function cpuSeconds(statPath: string, withChildren = false): number {
  try {
    // Fields after the command name (which may hold spaces): utime, stime, cutime, cstime are the 12th to 15th.
    const stat = readFileSync(statPath, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const own = Number(fields[11]) + Number(fields[12]);
    return (withChildren ? own + Number(fields[13]) + Number(fields[14]) : own) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
