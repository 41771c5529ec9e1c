import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Log, RateLimiter } from '@sss/log';
import { LOG } from '../../../../platform/logging/log.token';
import { LiveCatalog } from '../../../application/live-catalog';

/** Other dashboards over the same database see a change within this time. */
const REFRESH_EVERY_MS = 30_000;

/**
 * Loads the stored servers before the dashboard listens (storage down: the
 * config file's servers still report, and the next refresh tries again),
 * then reads them again now and then for changes made by other replicas.
 */
@Injectable()
export class CatalogRefreshTimer implements OnModuleInit, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private readonly failureLog = new RateLimiter(60_000);

  constructor(
    private readonly catalog: LiveCatalog,
    @Inject(LOG) private readonly log: Log,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), REFRESH_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  private async refresh(): Promise<void> {
    try {
      await this.catalog.load();
    } catch (err) {
      const suppressed = this.failureLog.take('load');
      if (suppressed >= 0) this.log.warn('stored servers not loaded; retrying', { error: (err as Error).message, suppressed });
    }
  }
}
