import { effect, inject, Injectable, InjectionToken, signal, untracked } from '@angular/core';
import { API_PATHS, type CatalogServer, type GroupOrder } from '@sss/contracts/constants';
import { getJson } from './api';
import { FleetConnection } from './fleet-connection.service';

/** How the service asks for `GET /api/catalog`; tests replace it. */
export const CATALOG_REQUEST = new InjectionToken<() => Promise<CatalogServer[]>>('CATALOG_REQUEST', {
  providedIn: 'root',
  factory: () => () => getJson<CatalogServer[]>(API_PATHS.catalog),
});

/** How the service asks for `GET /api/catalog/groups`; tests replace it. */
export const GROUP_ORDER_REQUEST = new InjectionToken<() => Promise<GroupOrder>>('GROUP_ORDER_REQUEST', {
  providedIn: 'root',
  factory: () => () => getJson<GroupOrder>(API_PATHS.groupOrder),
});

/**
 * Every server the dashboard is configured to accept, reported or not
 * (`GET /api/catalog`), and the board's order of groups. The WebSocket only carries servers that have
 * reported, so this is how the board learns of the others. Asked for on page
 * load and after each reconnect: the configuration changes only with a
 * dashboard restart, after which the page reconnects.
 */
@Injectable({ providedIn: 'root' })
export class FleetCatalog {
  private readonly request = inject(CATALOG_REQUEST);
  private readonly groupRequest = inject(GROUP_ORDER_REQUEST);
  private readonly list = signal<readonly CatalogServer[]>([]);
  readonly servers = this.list.asReadonly();
  private readonly groupList = signal<readonly string[]>([]);
  /** The board's order of groups set in the console (`GET /api/catalog/groups`), first first. */
  readonly groups = this.groupList.asReadonly();

  constructor() {
    this.load();
    const state = inject(FleetConnection).state;
    let lost = false;
    effect(() => {
      const kind = state().kind;
      if (kind === 'reconnecting') lost = true;
      else if (kind === 'connected' && lost) {
        lost = false;
        untracked(() => this.load());
      }
    });
  }

  private load(): void {
    void this.loadServers();
    void this.loadGroups();
  }

  private async loadGroups(): Promise<void> {
    try {
      const { groups } = await this.groupRequest();
      if (Array.isArray(groups)) this.groupList.set(groups.filter((g) => typeof g === 'string'));
    } catch {
      // An older dashboard without a group order: groups by name.
    }
  }

  private async loadServers(): Promise<void> {
    try {
      const list = await this.request();
      if (Array.isArray(list)) this.list.set(list.filter((s) => typeof s?.serverId === 'string'));
    } catch {
      // An older dashboard without the catalog, or a network error: the board shows who reported.
    }
  }
}
