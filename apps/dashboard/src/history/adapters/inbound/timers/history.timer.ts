import { Inject, Injectable, OnApplicationShutdown, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Log, RateLimiter } from '@sss/log';
import { Lease } from '../../../../bus';
import { LOG } from '../../../../platform/logging/log.token';
import { HistoryMaintenance } from '../../../application/history-maintenance';
import { HistoryRecorder } from '../../../application/history-recorder';

/** A write a second bounds what a kill -9 can lose; maintenance runs in small steps between. */
const FLUSH_EVERY_MS = 1_000;
const MAINTAIN_EVERY_MS = 10_000;

/**
 * Drives the recorder's writes and the maintenance jobs; writes what is pending once more at shutdown.
 * Maintenance runs on the replica that holds the jobs lease only: two replicas packing the same
 * window at once could each write the chunk from what it read, and the later one would lose the other's late samples.
 */
@Injectable()
export class HistoryTimer implements OnModuleInit, OnModuleDestroy, OnApplicationShutdown {
  private readonly timers: NodeJS.Timeout[] = [];
  private maintaining = false;
  private readonly failureLog = new RateLimiter(60_000);

  constructor(
    private readonly recorder: HistoryRecorder,
    private readonly maintenance: HistoryMaintenance,
    @Inject(LOG) private readonly log: Log,
    private readonly lease: Lease,
  ) {}

  onModuleInit(): void {
    this.timers.push(
      setInterval(() => void this.recorder.flush(), FLUSH_EVERY_MS),
      setInterval(() => void this.maintain(), MAINTAIN_EVERY_MS),
    );
    for (const t of this.timers) t.unref();
  }

  onModuleDestroy(): void {
    for (const t of this.timers) clearInterval(t);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.recorder.flush();
  }

  private async maintain(): Promise<void> {
    if (this.maintaining || !this.lease.held) return;
    this.maintaining = true;
    try {
      await this.maintenance.run();
    } catch (err) {
      const suppressed = this.failureLog.take('maintenance');
      if (suppressed >= 0) this.log.warn('history maintenance failed; retrying', { error: (err as Error).message, suppressed });
    } finally {
      this.maintaining = false;
    }
  }
}
