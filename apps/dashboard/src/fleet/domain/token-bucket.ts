/**
 * A token bucket: `perSecond` tokens a second, at most `perSecond` saved up,
 * so a client may burst one second's worth and then keep the rate.
 * Times are milliseconds from any clock.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly perSecond: number,
    now: number,
  ) {
    this.tokens = perSecond;
    this.at = now;
  }

  /** Takes a token if there is one. */
  take(now: number): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens--;
    return true;
  }

  /** Full again: the bucket's owner is no different from a new one. */
  isFull(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.perSecond;
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.perSecond, this.tokens + (Math.max(0, now - this.at) * this.perSecond) / 1000);
    this.at = now;
  }
}

/**
 * A token bucket per key (a client address). Full buckets are forgotten when
 * the map has grown, so it holds only the clients active lately.
 */
export class KeyedTokenBuckets {
  private readonly buckets = new Map<string, TokenBucket>();
  private pruneAt = KeyedTokenBuckets.PRUNE_AT;
  private static readonly PRUNE_AT = 10_000;

  constructor(private readonly perSecond: number) {}

  take(key: string, now: number): boolean {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.pruneAt) this.prune(now);
      bucket = new TokenBucket(this.perSecond, now);
      this.buckets.set(key, bucket);
    }
    return bucket.take(now);
  }

  get size(): number {
    return this.buckets.size;
  }

  /** Forgets full buckets; the next prune waits until the map has doubled, so pruning costs O(1) per key. */
  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) if (bucket.isFull(now)) this.buckets.delete(key);
    this.pruneAt = Math.max(KeyedTokenBuckets.PRUNE_AT, this.buckets.size * 2);
  }
}
