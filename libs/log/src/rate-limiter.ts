/**
 * Lets one event per key through every `intervalMs` and counts the rest, so a
 * client flooding bad frames cannot flood the log. Keys are few (one per
 * server id and kind of event); entries older than the interval are pruned.
 */
export class RateLimiter {
  private readonly last = new Map<string, { at: number; suppressed: number }>();

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether `take(key)` would let an event through now, without taking: to skip work for a line that would not be printed. */
  wouldPass(key: string): boolean {
    const entry = this.last.get(key);
    return !entry || this.now() - entry.at >= this.intervalMs;
  }

  /** Returns the number of events suppressed since the last one let through, or -1 to suppress this one. */
  take(key: string): number {
    const now = this.now();
    const entry = this.last.get(key);
    if (entry && now - entry.at < this.intervalMs) {
      entry.suppressed++;
      return -1;
    }
    const suppressed = entry?.suppressed ?? 0;
    this.last.set(key, { at: now, suppressed: 0 });
    if (this.last.size > 10_000) this.prune(now);
    return suppressed;
  }

  private prune(now: number): void {
    for (const [key, entry] of this.last) if (now - entry.at >= this.intervalMs) this.last.delete(key);
  }
}
