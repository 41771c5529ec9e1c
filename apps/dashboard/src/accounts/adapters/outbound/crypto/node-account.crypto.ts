import * as argon2 from 'argon2';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AccountCrypto } from '../../../application/ports/account-crypto.port';

/** argon2id with the library's defaults (64 MiB, 3 passes; on libuv's thread pool, off the event loop) and node:crypto. */
export class NodeAccountCrypto implements AccountCrypto {
  hashPassword(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verifyPassword(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false; // a malformed hash admits nobody
    }
  }

  newToken(bytes: number): string {
    return randomBytes(bytes).toString('base64url');
  }

  digest(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }

  same(a: string, b: string): boolean {
    // Equal-length digests, as timingSafeEqual needs, whatever the texts' lengths.
    return timingSafeEqual(Buffer.from(this.digest(a), 'hex'), Buffer.from(this.digest(b), 'hex'));
  }
}
