import { Inject, Injectable } from '@nestjs/common';
import type { Log } from '@sss/log';
import { LOG } from '../../../../platform/logging/log.token';
import { StoredReloadTimer } from '../../../../platform/storage/stored-reload.timer';
import { LiveCatalog } from '../../../application/live-catalog';

/** Loads the stored servers at start and again for other replicas' changes (StoredReloadTimer). */
@Injectable()
export class CatalogRefreshTimer extends StoredReloadTimer {
  constructor(
    private readonly catalog: LiveCatalog,
    @Inject(LOG) log: Log,
  ) {
    super(log, 'stored servers');
  }

  protected load(): Promise<void> {
    return this.catalog.load();
  }
}
