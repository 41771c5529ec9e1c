import type { TrafficPlan } from '@sss/contracts';

/** How a stored server came to be registered (config-file servers have none). */
export type RegisteredVia = 'admin' | 'key' | 'kubernetes';

/** A configured server as the rest of the dashboard sees it: never its secret. */
export interface CatalogEntry {
  id: string;
  name?: string;
  group?: string;
  countryCode?: string;
  /** Its billing cycle for traffic accounting; absent: calendar months, no quota. */
  traffic?: TrafficPlan;
  /** Shown only to signed-in users. */
  hidden?: boolean;
  /** How a stored server was registered; absent for a server of the config file. */
  via?: RegisteredVia;
  /** Board order within its group: lower first; absent (0) for a server of the config file. */
  weight?: number;
}

/** Who may report: answers an agent's claimed id and secret. */
export interface ServerCatalog {
  /**
   * The entry when `secret` is right for `id`, otherwise undefined. A missing
   * header, an unknown id and a wrong secret are the same failure, and the
   * comparison takes the same time for all three.
   */
  authenticate(id: string | undefined, secret: string | undefined): CatalogEntry | undefined;
  /** The entry of a configured server, without authenticating: for reading, never for admitting. */
  get(id: string): CatalogEntry | undefined;
  /** Every server that may report, in the order configured. */
  list(): readonly CatalogEntry[];
}

export const SERVER_CATALOG = Symbol('ServerCatalog');
