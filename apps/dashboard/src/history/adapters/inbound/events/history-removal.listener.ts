import { Inject, Injectable } from '@nestjs/common';
import type { Log } from '@sss/log';
import { LiveCatalog, ServerRemovalListener } from '../../../../catalog';
import { LOG } from '../../../../platform/logging/log.token';
import { HISTORY_STORE, type HistoryStore } from '../../../application/ports/history-store.port';

/** A removed server's history goes when the admin chose to purge it. */
@Injectable()
export class HistoryRemovalListener extends ServerRemovalListener {
  constructor(
    catalog: LiveCatalog,
    @Inject(LOG) log: Log,
    @Inject(HISTORY_STORE) private readonly store: HistoryStore,
  ) {
    super(catalog, log);
  }

  protected async removed(serverId: string, purgeHistory: boolean): Promise<void> {
    if (purgeHistory) await this.store.purge(serverId);
  }
}
