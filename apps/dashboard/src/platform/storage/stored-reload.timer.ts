import { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Log, RateLimiter } from '@sss/log';

/** Other dashboards over the same database see a change within this time. */
const RELOAD_EVERY_MS = 30_000;

/**
 * Loads what a capability keeps in the database and answers from memory
 * (stored servers, enrollment keys) before the dashboard listens (storage
 * down: the config file's entries still work, and the next turn tries again),
 * then reads it again now and then for changes made by other replicas.
 */
export abstract class StoredReloadTimer implements OnModuleInit, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private readonly failureLog = new RateLimiter(60_000);

  constructor(
    private readonly log: Log,
    /** What is loaded, for the warning: `stored servers`. */
    private readonly what: string,
  ) {}

  protected abstract load(): Promise<void>;

  async onModuleInit(): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => void this.reload(), RELOAD_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  private async reload(): Promise<void> {
    try {
      await this.load();
    } catch (err) {
      const suppressed = this.failureLog.take('load');
      if (suppressed >= 0) this.log.warn(`${this.what} not loaded; retrying`, { error: (err as Error).message, suppressed });
    }
  }
}
