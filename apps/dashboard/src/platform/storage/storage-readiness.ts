import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Log } from '@sss/log';
import { Readiness } from '../health/readiness';
import { LOG } from '../logging/log.token';
import type { Stores } from './open-stores';
import { STORES } from './stores.token';

const RETRY_MS = 2_000;

/**
 * Tells readiness when the database is open: asked once before the port
 * listens, then every few seconds until it answers (a PostgreSQL still
 * starting, a volume not yet mounted). The live path never waits for it.
 */
@Injectable()
export class StorageReadiness implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    @Inject(STORES) private readonly stores: Stores,
    private readonly readiness: Readiness,
    @Inject(LOG) private readonly log: Log,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (await this.check()) return;
    this.log.warn('storage not open yet: /readyz answers 503 until it is; retrying', { everyMs: RETRY_MS });
    this.retryLater();
  }

  onModuleDestroy(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /**
   * The next try starts RETRY_MS after the last one ended, never beside it: a
   * locked database makes each try wait out the busy timeout in the storage
   * worker, and tries on a fixed beat would queue there faster than they end.
   */
  private retryLater(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.check().then((open) => open || this.retryLater()), RETRY_MS);
    this.timer.unref();
  }

  private async check(): Promise<boolean> {
    try {
      await this.stores.history.size(); // opens and migrates on first use
    } catch {
      return false;
    }
    if (!this.readiness.storageOpen) this.log.info('storage open', { engine: this.stores.engine });
    return (this.readiness.storageOpen = true);
  }
}
