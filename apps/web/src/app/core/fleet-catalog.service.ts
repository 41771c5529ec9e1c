import { effect, inject, Injectable, InjectionToken, signal, untracked } from '@angular/core';
import { API_PATHS, type CatalogServer } from '@sss/contracts/constants';
import { getJson } from './api';
import { FleetConnection } from './fleet-connection.service';

/** How the service asks for `GET /api/catalog`; tests replace it. */
export const CATALOG_REQUEST = new InjectionToken<() => Promise<CatalogServer[]>>('CATALOG_REQUEST', {
  providedIn: 'root',
  factory: () => () => getJson<CatalogServer[]>(API_PATHS.catalog),
});

/**
 * Every server the dashboard is configured to accept, reported or not
 * (`GET /api/catalog`). The WebSocket only carries servers that have
 * reported, so this is how the board learns of the others. Asked for on page
 * load and after each reconnect: the configuration changes only with a
 * dashboard restart, after which the page reconnects.
 */
@Injectable({ providedIn: 'root' })
export class FleetCatalog {
  private readonly request = inject(CATALOG_REQUEST);
  private readonly list = signal<readonly CatalogServer[]>([]);
  readonly servers = this.list.asReadonly();

  constructor() {
    void this.load();
    const state = inject(FleetConnection).state;
    let lost = false;
    effect(() => {
      const kind = state().kind;
      if (kind === 'reconnecting') lost = true;
      else if (kind === 'connected' && lost) {
        lost = false;
        untracked(() => void this.load());
      }
    });
  }

  private async load(): Promise<void> {
    try {
      const list = await this.request();
      if (Array.isArray(list)) this.list.set(list.filter((s) => typeof s?.serverId === 'string'));
    } catch {
      // An older dashboard without the catalog, or a network error: the board shows who reported.
    }
  }
}
