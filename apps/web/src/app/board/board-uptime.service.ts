import { DestroyRef, inject, Injectable, InjectionToken, signal } from '@angular/core';
import { API_PATHS, type UptimeByServer } from '@sss/contracts/constants';
import { getJson } from '../core/api';

/** How often the board asks again: uptime over 24 h moves slowly. */
export const UPTIME_REFRESH_MS = 60_000;

/** How the service asks for `GET /api/uptime`; tests replace it. */
export const UPTIME_REQUEST = new InjectionToken<() => Promise<UptimeByServer>>('UPTIME_REQUEST', {
  providedIn: 'root',
  factory: () => () => getJson<UptimeByServer>(API_PATHS.uptime),
});

/**
 * Each server's uptime over the last 24 h for the board's cards: one request
 * for the whole fleet, repeated every UPTIME_REFRESH_MS from the board's
 * first showing on. A failed request keeps the last figures. In the root
 * injector: a component-level provider would add Angular's providers feature
 * (~2 KB) to the board's initial JavaScript.
 */
@Injectable({ providedIn: 'root' })
export class BoardUptime {
  private readonly request = inject(UPTIME_REQUEST);
  private readonly figures = signal<Readonly<UptimeByServer>>({});
  readonly uptime = this.figures.asReadonly();
  private stopped = false;

  constructor() {
    void this.load();
    const timer = setInterval(() => void this.load(), UPTIME_REFRESH_MS);
    inject(DestroyRef).onDestroy(() => {
      this.stopped = true;
      clearInterval(timer);
    });
  }

  private async load(): Promise<void> {
    try {
      const figures = await this.request();
      if (!this.stopped && figures && typeof figures === 'object') this.figures.set(figures);
    } catch {
      // An older dashboard without it, or a network error: the cards show no figure until the next try.
    }
  }
}
