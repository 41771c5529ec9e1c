import { Inject, Injectable } from '@nestjs/common';
import type { Log } from '@sss/log';
import { LiveCatalog, PurgingRemovalListener } from '../../../../catalog';
import { LOG } from '../../../../platform/logging/log.token';
import { TRAFFIC_STORE, type TrafficStore } from '../../../application/ports/traffic-store.port';

/** A removed server's traffic days go with its history when the admin chose to purge it. */
@Injectable()
export class TrafficRemovalListener extends PurgingRemovalListener {
  constructor(catalog: LiveCatalog, @Inject(LOG) log: Log, @Inject(TRAFFIC_STORE) store: TrafficStore) {
    super(catalog, log, store);
  }
}
