import { inject, Injectable, InjectionToken } from '@angular/core';
import { API_PATHS, type UptimeByServer } from '@sss/contracts/constants';
import { getJson } from '../core/api';
import { polled } from '../core/polled';

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
  readonly uptime = polled<UptimeByServer>(inject(UPTIME_REQUEST), UPTIME_REFRESH_MS, {});
}
