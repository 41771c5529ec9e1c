import { timingSafeEqual } from 'node:crypto';
import type { CredentialIndex } from '../../../application/ports/credential-index.port';
import type { CatalogEntry } from '../../../application/ports/server-catalog.port';
import { sha256 } from '../crypto/node-secret.hasher';

/** CredentialIndex in plain maps; secrets compared in constant time. */
export class CatalogIndex implements CredentialIndex {
  private readonly entries = new Map<string, CatalogEntry>();
  /**
   * Each secret's hash as a binary string (not a Buffer), in a map of its own
   * (not a record per server): one heap object per server instead of four.
   */
  private readonly secretHashes = new Map<string, string>();
  // Compared against when the id is unknown, so that case costs the same time.
  private readonly unknownHash = sha256('\0unknown server\0').toString('binary');

  set(entry: CatalogEntry, secretHash: string): void {
    this.entries.set(entry.id, entry);
    this.secretHashes.set(entry.id, Buffer.from(secretHash, 'hex').toString('binary'));
  }

  delete(id: string): void {
    this.entries.delete(id);
    this.secretHashes.delete(id);
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  authenticate(id: string | undefined, secret: string | undefined): CatalogEntry | undefined {
    const known = id === undefined ? undefined : this.entries.get(id);
    const secretHash = known ? this.secretHashes.get(known.id)! : this.unknownHash;
    // Hashing first gives equal-length buffers, as timingSafeEqual needs, whatever the secret's length.
    const matches = timingSafeEqual(sha256(secret ?? ''), Buffer.from(secretHash, 'binary'));
    return matches && known && secret !== undefined ? known : undefined;
  }

  get(id: string): CatalogEntry | undefined {
    return this.entries.get(id);
  }

  list(): readonly CatalogEntry[] {
    return [...this.entries.values()];
  }
}
