import { type Log, RateLimiter } from '@sss/log';
import type { Collector } from './collector/collector';
import type { ReportClient } from './transport/report-client';

/**
 * Samples every interval, connected or not (so rates always cover one interval),
 * and hands each report to the client. A sample still running when the next is
 * due makes that one skip: samples never overlap.
 */
export class Agent {
  private timer?: NodeJS.Timeout;
  private sampling = false;
  private readonly warnings = new RateLimiter(60_000);

  constructor(
    private readonly collector: Collector,
    private readonly client: ReportClient,
    private readonly intervalMs: number,
    private readonly log: Log,
  ) {}

  start(): void {
    this.client.start();
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.client.stop();
  }

  private async tick(): Promise<void> {
    if (this.sampling) {
      this.warn('skip', 'previous sample still running; skipping one', {});
      return;
    }
    this.sampling = true;
    const started = performance.now();
    try {
      const report = await this.collector.sample();
      const ms = Math.round((performance.now() - started) * 100) / 100;
      this.log.debug('sampled', { ms });
      if (ms > this.intervalMs) this.warn('slow', 'a sample took longer than the interval', { ms });
      this.client.publish(report);
    } catch (err) {
      this.warn('error', 'sample failed', { error: String((err as Error)?.stack ?? err) });
    } finally {
      this.sampling = false;
    }
  }

  /** At most one warning of each kind a minute, with the count of those left out. */
  private warn(kind: string, msg: string, fields: Record<string, unknown>): void {
    const suppressed = this.warnings.take(kind);
    if (suppressed >= 0) this.log.warn(msg, suppressed ? { ...fields, suppressed } : fields);
  }
}
