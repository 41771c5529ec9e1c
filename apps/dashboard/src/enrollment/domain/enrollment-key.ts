/** Why a key may not enroll an id. */
export type KeyRefusal = 'revoked' | 'expired' | 'id-not-allowed';

/**
 * `pattern` as a key's idPattern is matched: against the whole id, not a part
 * of it. Throws a SyntaxError when it is not a regular expression.
 */
export function anchoredIdPattern(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}

/** An enrollment key's rules (its secret stays with the adapter that matched it). */
export class EnrollmentKey {
  constructor(
    /** Anchored: matched against the whole id. */
    readonly idPattern: RegExp,
    /** The group of every server it registers. */
    readonly group: string | undefined,
    /** Unix time in milliseconds from which it registers nothing. */
    readonly expiresAt: number | undefined,
    readonly revoked: boolean,
  ) {}

  /** Why `id` may not be enrolled with this key at `now`, or undefined when it may. */
  refusal(id: string, now: number): KeyRefusal | undefined {
    if (this.revoked) return 'revoked';
    if (this.expiresAt !== undefined && now >= this.expiresAt) return 'expired';
    if (!this.idPattern.test(id)) return 'id-not-allowed';
    return undefined;
  }
}
