import { createHash, timingSafeEqual } from 'node:crypto';
import type { ServerEntryConfig } from '../../../../platform/config/dashboard-config';
import type { CatalogEntry, ServerCatalog } from '../../../application/ports/server-catalog.port';

/** The catalog of servers listed in the config file; secrets stay inside this adapter. */
export class ConfigServerCatalog implements ServerCatalog {
  private readonly entries = new Map<string, CatalogEntry>();
  /**
   * Each secret's hash as a binary string (not a Buffer), in a map of its own
   * (not a record per server): one heap object per server instead of four.
   */
  private readonly secretHashes = new Map<string, string>();
  // Compared against when the id is unknown, so that case costs the same time.
  private readonly unknownHash = digest('\0unknown server\0').toString('binary');

  constructor(servers: readonly ServerEntryConfig[]) {
    for (const { secret, ...entry } of servers) {
      this.entries.set(entry.id, entry);
      this.secretHashes.set(entry.id, digest(secret).toString('binary'));
    }
  }

  authenticate(id: string | undefined, secret: string | undefined): CatalogEntry | undefined {
    const known = id === undefined ? undefined : this.entries.get(id);
    const secretHash = known ? this.secretHashes.get(known.id)! : this.unknownHash;
    // Hashing first gives equal-length buffers, as timingSafeEqual needs, whatever the secret's length.
    const matches = timingSafeEqual(digest(secret ?? ''), Buffer.from(secretHash, 'binary'));
    return matches && known && secret !== undefined ? known : undefined;
  }

  get(id: string): CatalogEntry | undefined {
    return this.entries.get(id);
  }

  list(): readonly CatalogEntry[] {
    return [...this.entries.values()];
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
