import { Inject, Injectable, OnApplicationShutdown, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Log, RateLimiter } from '@sss/log';
import { LOG } from '../../../../platform/logging/log.token';
import { Lease } from '../../../application/lease';
import { LEASE_RENEW_MS } from '../../../lease-timing';

/** Takes and keeps the jobs lease while the dashboard runs, and gives it up when it stops so another replica takes it at once. */
@Injectable()
export class LeaseTimer implements OnModuleInit, OnModuleDestroy, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private wasHeld = false;
  private readonly failureLog = new RateLimiter(60_000);

  constructor(
    private readonly lease: Lease,
    @Inject(LOG) private readonly log: Log,
  ) {}

  onModuleInit(): void {
    void this.renew();
    this.timer = setInterval(() => void this.renew(), LEASE_RENEW_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.lease.held) await this.lease.release().catch(() => undefined); // unreachable: it expires by itself
  }

  private async renew(): Promise<void> {
    try {
      await this.lease.renew();
    } catch (err) {
      const suppressed = this.failureLog.take('renew');
      if (suppressed >= 0) this.log.warn('jobs lease not renewed; retrying', { error: (err as Error).message, suppressed });
    }
    if (this.lease.held !== this.wasHeld) {
      this.wasHeld = this.lease.held;
      this.log.info(this.wasHeld ? 'this replica runs the once-only jobs' : 'another replica runs the once-only jobs');
    }
  }
}
