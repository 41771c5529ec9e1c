import { Inject, Injectable } from '@nestjs/common';
import type { Log } from '@sss/log';
import { LiveCatalog, ServerRemovalListener } from '../../../../catalog';
import { LOG } from '../../../../platform/logging/log.token';
import { TRAFFIC_STORE, type TrafficStore } from '../../../application/ports/traffic-store.port';

/** A removed server's traffic days go with its history when the admin chose to purge it. */
@Injectable()
export class TrafficRemovalListener extends ServerRemovalListener {
  constructor(
    catalog: LiveCatalog,
    @Inject(LOG) log: Log,
    @Inject(TRAFFIC_STORE) private readonly store: TrafficStore,
  ) {
    super(catalog, log);
  }

  protected async removed(serverId: string, purgeHistory: boolean): Promise<void> {
    if (purgeHistory) await this.store.purge(serverId);
  }
}
