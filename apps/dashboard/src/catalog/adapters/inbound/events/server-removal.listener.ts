import type { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Log } from '@sss/log';
import { filter, type Subscription } from 'rxjs';
import type { LiveCatalog } from '../../../application/live-catalog';

/**
 * A capability that keeps data per server and lets go of it when the server
 * is removed from the catalog (purging it when the admin chose so). A failure
 * is logged: the catalog's removal stands either way.
 */
export abstract class ServerRemovalListener implements OnModuleInit, OnModuleDestroy {
  private subscription?: Subscription;

  protected constructor(
    protected readonly catalog: LiveCatalog,
    private readonly log: Log,
  ) {}

  protected abstract removed(serverId: string, purgeHistory: boolean): Promise<void>;

  onModuleInit(): void {
    this.subscription = this.catalog.changes.pipe(filter((c) => c.kind === 'removed')).subscribe(({ id, purgeHistory }) => {
      this.removed(id, purgeHistory).catch((err: unknown) =>
        this.log.error('data of a removed server not deleted', { serverId: id, error: (err as Error).message }),
      );
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }
}

/** A listener whose clean-up is one store's purge, when the admin chose to purge the server's history. */
export abstract class PurgingRemovalListener extends ServerRemovalListener {
  protected constructor(
    catalog: LiveCatalog,
    log: Log,
    private readonly store: { purge(serverId: string): Promise<void> },
  ) {
    super(catalog, log);
  }

  protected async removed(serverId: string, purgeHistory: boolean): Promise<void> {
    if (purgeHistory) await this.store.purge(serverId);
  }
}
