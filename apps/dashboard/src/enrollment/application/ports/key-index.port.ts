import type { EnrollmentKey } from '../../domain/enrollment-key';

/** Enrollment keys and their secrets' hashes held in memory, so admitting an agent never waits for storage. */
export interface KeyIndex {
  /** Adds or replaces the key `id`; `secretHash` as SecretHasher.hash gives it. */
  set(id: string, secretHash: string, key: EnrollmentKey): void;
  delete(id: string): void;
  /** The key whose secret hashes to `secretHash`, or undefined; every key is compared, in constant time. */
  find(secretHash: string): EnrollmentKey | undefined;
  readonly size: number;
}
