import { KeyedTokenBuckets, TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('allows a burst of one second, then the rate', () => {
    const bucket = new TokenBucket(5, 0);
    expect(Array.from({ length: 7 }, () => bucket.take(0))).toEqual([true, true, true, true, true, false, false]);
    expect(bucket.take(199)).toBe(false);
    expect(bucket.take(200)).toBe(true); // one token every 200 ms
    expect(bucket.take(200)).toBe(false);
  });

  it('saves up no more than the burst, and is full again after a quiet second', () => {
    const bucket = new TokenBucket(2, 0);
    bucket.take(0);
    expect(bucket.isFull(0)).toBe(false);
    expect(bucket.isFull(10_000)).toBe(true);
    expect([bucket.take(10_000), bucket.take(10_000), bucket.take(10_000)]).toEqual([true, true, false]);
  });
});

describe('KeyedTokenBuckets', () => {
  it('keeps a bucket per key', () => {
    const buckets = new KeyedTokenBuckets(1);
    expect([buckets.take('a', 0), buckets.take('a', 0), buckets.take('b', 0)]).toEqual([true, false, true]);
  });

  it('forgets the full buckets of quiet keys once it has grown, and keeps the busy ones', () => {
    const buckets = new KeyedTokenBuckets(1);
    for (let i = 0; i < 9_999; i++) buckets.take(`quiet-${i}`, 0);
    buckets.take('busy', 0);
    expect(buckets.size).toBe(10_000);
    expect(buckets.take('busy', 4_999)).toBe(true); // empty again
    buckets.take('new', 5_000); // at the threshold: the quiet ones, full again, go
    expect(buckets.size).toBe(2);
    expect(buckets.take('busy', 5_000)).toBe(false); // still empty: it was kept
  });
});
