import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Log, RateLimiter } from '@sss/log';
import { LOG } from '../../../../platform/logging/log.token';
import { TrafficLedger } from '../../../application/traffic-ledger';

/**
 * How often the counted traffic is written. Losing the last minute to a crash
 * loses no traffic: the stored counters are as old as the stored totals, so
 * the first report after the restart counts it again (unless the host rebooted meanwhile).
 */
const SAVE_EVERY_MS = 30_000;
const EXPIRE_EVERY_MS = 3_600_000;

/** Restores the ledger as the dashboard starts, saves it every 30 s and at shutdown, expires old days hourly. */
@Injectable()
export class TrafficTimer implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private timers: NodeJS.Timeout[] = [];
  private readonly failureLog = new RateLimiter(60_000);

  constructor(
    private readonly ledger: TrafficLedger,
    @Inject(LOG) private readonly log: Log,
  ) {}

  onModuleInit(): void {
    this.timers = [setInterval(() => void this.save(), SAVE_EVERY_MS), setInterval(() => void this.expire(), EXPIRE_EVERY_MS)];
    for (const timer of this.timers) timer.unref();
  }

  /**
   * Restores without holding up the start: the storage worker answers one
   * call at a time, and a locked database makes each wait out the busy timeout,
   * so awaiting here would add that wait to the start. Counting is right
   * whenever the restore lands (TrafficLedger.restore); until then the API
   * answers the stored days.
   */
  onApplicationBootstrap(): void {
    void this.restore();
  }

  onModuleDestroy(): void {
    for (const timer of this.timers) clearInterval(timer);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.save();
  }

  private async restore(): Promise<boolean> {
    try {
      this.log.info('traffic restored', { servers: await this.ledger.restore(Date.now()) });
      return true;
    } catch (err) {
      const suppressed = this.failureLog.take('restore');
      if (suppressed >= 0) {
        this.log.error('traffic not restored: storage unavailable; retrying before each save', {
          error: (err as Error).message,
          suppressed,
        });
      }
      return false;
    }
  }

  private async save(): Promise<void> {
    if (!this.ledger.restored && !(await this.restore())) return;
    try {
      await this.ledger.save();
    } catch (err) {
      const suppressed = this.failureLog.take('save');
      if (suppressed >= 0) this.log.warn('traffic not saved; retrying', { error: (err as Error).message, suppressed });
    }
  }

  private async expire(): Promise<void> {
    try {
      await this.ledger.expire(Date.now());
    } catch (err) {
      this.log.warn('old traffic days not expired', { error: (err as Error).message });
    }
  }
}
