import type { EnrollmentKey } from '../../domain/enrollment-key';

/** The enrollment keys an agent may present in X-AUTH-SECRET. */
export interface EnrollmentKeys {
  /** The key whose secret is `secret`, or undefined; compared in constant time. */
  find(secret: string): EnrollmentKey | undefined;
  /** Whether any key is configured at all. */
  readonly any: boolean;
}

export const ENROLLMENT_KEYS = Symbol('EnrollmentKeys');
