/** How many failed logins a key (an address, an account) may have within the window before it must wait. */
export interface ThrottleRule {
  failures: number;
  windowMs: number;
}

/**
 * Failed logins per key in a sliding window. Past the rule's count, the key
 * waits until its oldest failure in the window has aged out. Keys with no
 * recent failure are forgotten, so memory follows the attack, not history.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly rule: ThrottleRule) {}

  /** Milliseconds `key` must still wait before it may try again; 0 when it may try now. */
  waitMs(key: string, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length < this.rule.failures) return 0;
    return recent[recent.length - this.rule.failures] + this.rule.windowMs - now;
  }

  fail(key: string, now: number): void {
    const recent = this.recent(key, now);
    recent.push(now);
    // Only the newest `failures` ones decide the wait.
    this.failures.set(key, recent.slice(-this.rule.failures));
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((at) => at > now - this.rule.windowMs);
    if (kept.length === 0) this.failures.delete(key);
    return kept;
  }
}
