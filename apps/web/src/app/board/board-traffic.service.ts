import { inject, Injectable, InjectionToken } from '@angular/core';
import { API_PATHS, type TrafficByServer } from '@sss/contracts/constants';
import { getJson } from '../core/api';
import { polled } from '../core/polled';

/** How often the board asks again: a period's total moves slowly against its quota. */
export const TRAFFIC_REFRESH_MS = 60_000;

/** How the service asks for `GET /api/traffic`; tests replace it. */
export const TRAFFIC_REQUEST = new InjectionToken<() => Promise<TrafficByServer>>('TRAFFIC_REQUEST', {
  providedIn: 'root',
  factory: () => () => getJson<TrafficByServer>(API_PATHS.trafficOverview),
});

/**
 * Each server's traffic this billing period for the board's cards: one
 * request for the whole fleet, repeated every TRAFFIC_REFRESH_MS from the
 * first card's showing on. A failed request keeps the last figures.
 */
@Injectable({ providedIn: 'root' })
export class BoardTraffic {
  readonly traffic = polled<TrafficByServer>(inject(TRAFFIC_REQUEST), TRAFFIC_REFRESH_MS, {});
}
