import { createHash, timingSafeEqual } from 'node:crypto';
import type { EnrollmentKeyConfig } from '../../../../platform/config/dashboard-config';
import { EnrollmentKey } from '../../../domain/enrollment-key';
import type { EnrollmentKeys } from '../../../application/ports/enrollment-keys.port';

/** The enrollment keys of the config file; their secrets stay inside this adapter, hashed. */
export class ConfigEnrollmentKeys implements EnrollmentKeys {
  private readonly keys: { hash: Buffer; key: EnrollmentKey }[];

  constructor(configured: readonly EnrollmentKeyConfig[]) {
    this.keys = configured.map(({ secret, idPattern, group, expiresAt, revoked }) => ({
      hash: digest(secret),
      key: new EnrollmentKey(idPattern, group, expiresAt, revoked),
    }));
  }

  get any(): boolean {
    return this.keys.length > 0;
  }

  find(secret: string): EnrollmentKey | undefined {
    const presented = digest(secret);
    // Every key is compared, so the time taken does not tell which one (if any) matched.
    let found: EnrollmentKey | undefined;
    for (const { hash, key } of this.keys) if (timingSafeEqual(presented, hash)) found ??= key;
    return found;
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
