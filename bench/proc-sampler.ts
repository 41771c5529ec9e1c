import { readFileSync } from 'node:fs';

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** Samples a process's CPU time and RSS from /proc once a second. */
export class ProcSampler {
  private timer?: NodeJS.Timeout;
  private first?: { at: number; cpu: number };
  private last?: { at: number; cpu: number };
  private rss: number[] = [];

  constructor(private readonly pid: number) {}

  start(): void {
    this.first = this.read();
    this.timer = setInterval(() => {
      this.last = this.read();
      this.rss.push(this.readRss());
    }, 1_000);
  }

  stop(): { cpuPercent: number; rssAvgMb: number; rssMaxMb: number } {
    clearInterval(this.timer);
    this.last = this.read();
    this.rss.push(this.readRss());
    const seconds = (this.last.at - this.first!.at) / 1000;
    const cpuPercent = ((this.last.cpu - this.first!.cpu) / CLOCK_TICKS / seconds) * 100;
    const mb = (kb: number) => kb / 1024;
    return {
      cpuPercent,
      rssAvgMb: mb(this.rss.reduce((a, b) => a + b, 0) / this.rss.length),
      rssMaxMb: mb(Math.max(...this.rss)),
    };
  }

  private read(): { at: number; cpu: number } {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { at: Date.now(), cpu: Number(fields[11]) + Number(fields[12]) };
  }

  private readRss(): number {
    const m = readFileSync(`/proc/${this.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
    return m ? Number(m[1]) : 0;
  }
}
