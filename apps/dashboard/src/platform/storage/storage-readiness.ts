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

  constructor(
    @Inject(STORES) private readonly stores: Stores,
    private readonly readiness: Readiness,
    @Inject(LOG) private readonly log: Log,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (await this.check()) return;
    this.log.warn('storage not open yet: /readyz answers 503 until it is; retrying', { everyMs: RETRY_MS });
    this.timer = setInterval(() => void this.check().then((open) => open && clearInterval(this.timer)), RETRY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
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
