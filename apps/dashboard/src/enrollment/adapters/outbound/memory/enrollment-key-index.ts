import { timingSafeEqual } from 'node:crypto';
import type { EnrollmentKey } from '../../../domain/enrollment-key';
import type { KeyIndex } from '../../../application/ports/key-index.port';

/** KeyIndex in a plain map; hashes compared in constant time. */
export class EnrollmentKeyIndex implements KeyIndex {
  private readonly keys = new Map<string, { hash: Buffer; key: EnrollmentKey }>();

  set(id: string, secretHash: string, key: EnrollmentKey): void {
    this.keys.set(id, { hash: Buffer.from(secretHash, 'hex'), key });
  }

  delete(id: string): void {
    this.keys.delete(id);
  }

  get size(): number {
    return this.keys.size;
  }

  find(secretHash: string): EnrollmentKey | undefined {
    const presented = Buffer.from(secretHash, 'hex');
    // Every key is compared, so the time taken does not tell which one (if any) matched.
    let found: EnrollmentKey | undefined;
    for (const { hash, key } of this.keys.values()) {
      if (hash.length === presented.length && timingSafeEqual(presented, hash)) found ??= key;
    }
    return found;
  }
}
