import type { TrafficPlan } from '@sss/contracts';
import type { RegisteredVia } from './server-registration.port';

/** A server registered while running, as stored: its secret only as a hash. */
export interface StoredServer {
  id: string;
  name?: string;
  group?: string;
  countryCode?: string;
  tags: string[];
  hidden: boolean;
  notes?: string;
  traffic?: TrafficPlan;
  /** Board order: lower first, then by id. */
  weight: number;
  via: RegisteredVia;
  /** Hex SHA-256 of the secret (secrets are random and long: a fast hash is enough). */
  secretHash: string;
  createdAt: number;
}

/** Where the servers registered while running are kept. */
export interface CatalogStore {
  list(): Promise<StoredServer[]>;
  /** Rejects when the id exists. */
  insert(server: StoredServer): Promise<void>;
  /** Replaces every field but the id. */
  update(server: StoredServer): Promise<void>;
  delete(id: string): Promise<void>;
  /** The board's order of groups, first first. */
  groupOrder(): Promise<string[]>;
  /** Replaces the whole group order at once. */
  setGroupOrder(groups: readonly string[]): Promise<void>;
}

export const CATALOG_STORE = Symbol('CatalogStore');
