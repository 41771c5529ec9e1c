/**
 * Latency histogram with 0.05 ms buckets up to 5 s (and an overflow count),
 * so generators can merge their figures without shipping every sample.
 */
export const BUCKET_MS = 0.05;
const BUCKETS = 100_000;

export class Histogram {
  counts = new Uint32Array(BUCKETS + 1);
  total = 0;
  max = 0;

  add(ms: number): void {
    const i = Math.min(BUCKETS, Math.max(0, Math.floor(ms / BUCKET_MS)));
    this.counts[i]++;
    this.total++;
    if (ms > this.max) this.max = ms;
  }

  /** Sparse form for IPC: [bucket, count] pairs. */
  toJSON(): { buckets: [number, number][]; max: number } {
    const buckets: [number, number][] = [];
    this.counts.forEach((c, i) => c && buckets.push([i, c]));
    return { buckets, max: this.max };
  }

  merge(other: { buckets: [number, number][]; max: number }): void {
    for (const [i, c] of other.buckets) {
      this.counts[i] += c;
      this.total += c;
    }
    this.max = Math.max(this.max, other.max);
  }

  /** The latency below which `p` (0..1) of samples fall, at bucket resolution. */
  percentile(p: number): number {
    if (this.total === 0) return NaN;
    const rank = Math.ceil(p * this.total);
    let seen = 0;
    for (let i = 0; i <= BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) return i === BUCKETS ? this.max : (i + 1) * BUCKET_MS;
    }
    return this.max;
  }
}
