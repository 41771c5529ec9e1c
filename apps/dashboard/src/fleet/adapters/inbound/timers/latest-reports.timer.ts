import { Inject, Injectable, OnApplicationShutdown, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Log, RateLimiter } from '@sss/log';
import { LOG } from '../../../../platform/logging/log.token';
import { LatestReports } from '../../../application/latest-reports';

const SAVE_EVERY_MS = 10_000;

/** Restores the fleet before the dashboard listens, saves what changed every few seconds, and once more at shutdown. */
@Injectable()
export class LatestReportsTimer implements OnModuleInit, OnModuleDestroy, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private readonly failureLog = new RateLimiter(60_000);

  constructor(
    private readonly latest: LatestReports,
    @Inject(LOG) private readonly log: Log,
  ) {}

  async onModuleInit(): Promise<void> {
    try {
      this.log.info('fleet restored', { servers: await this.latest.restore() });
    } catch (err) {
      this.log.error('fleet not restored: storage unavailable', { error: (err as Error).message });
    }
    this.timer = setInterval(() => void this.save(), SAVE_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.save();
  }

  private async save(): Promise<void> {
    try {
      await this.latest.save();
    } catch (err) {
      const suppressed = this.failureLog.take('save');
      if (suppressed >= 0) this.log.warn('latest reports not saved; retrying', { error: (err as Error).message, suppressed });
    }
  }
}
