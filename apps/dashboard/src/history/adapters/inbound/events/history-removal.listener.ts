import { Inject, Injectable } from '@nestjs/common';
import type { Log } from '@sss/log';
import { LiveCatalog, PurgingRemovalListener } from '../../../../catalog';
import { LOG } from '../../../../platform/logging/log.token';
import { HISTORY_STORE, type HistoryStore } from '../../../application/ports/history-store.port';

/** A removed server's history goes when the admin chose to purge it. */
@Injectable()
export class HistoryRemovalListener extends PurgingRemovalListener {
  constructor(catalog: LiveCatalog, @Inject(LOG) log: Log, @Inject(HISTORY_STORE) store: HistoryStore) {
    super(catalog, log, store);
  }
}
