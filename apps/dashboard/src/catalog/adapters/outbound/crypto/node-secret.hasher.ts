import { createHash, randomBytes } from 'node:crypto';
import type { SecretHasher } from '../../../application/ports/secret-hasher.port';

/** SHA-256: secrets are random and long, so a fast hash is enough (a password would need a slow one). */
export class NodeSecretHasher implements SecretHasher {
  /** 32 URL-safe characters, 192 bits. */
  newSecret(): string {
    return randomBytes(24).toString('base64url');
  }

  hash(secret: string): string {
    return sha256(secret).toString('hex');
  }
}

export function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
