/**
 * A map whose entries each end at their own time, holding at most `maxEntries`:
 * adding one more drops the oldest added.
 */
export class ExpiringCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();

  constructor(private readonly maxEntries: number) {}

  /** The value of `key` if added and not ended by `now`. */
  get(key: string, now: number): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until > now) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  /** Holds `value` for `key` until `until` (exclusive). */
  set(key: string, value: V, until: number): void {
    this.entries.delete(key); // re-added at the end: the newest
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, until });
  }

  get size(): number {
    return this.entries.size;
  }
}
