import type { CatalogEntry, ServerCatalog } from './server-catalog.port';

/** Entries and their secrets' hashes held in memory, so admitting an agent never waits for storage. */
export interface CredentialIndex extends ServerCatalog {
  /** Adds or replaces an entry; `secretHash` as SecretHasher.hash gives it. */
  set(entry: CatalogEntry, secretHash: string): void;
  delete(id: string): void;
  has(id: string): boolean;
}
