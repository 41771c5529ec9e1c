import { channelKind } from './channels';
import type { Channels, Sample } from './sample';

/**
 * Groups samples into steps of `step` ms aligned to multiples of `step`:
 * each step's average and maximum per channel (a counter keeps its last
 * value, and no maximum). Steps without samples are left out. Input oldest first.
 */
export function rollUp(samples: readonly Sample[], step: number): Sample[] {
  const out: Sample[] = [];
  let bucket: Bucket | undefined;
  for (const sample of samples) {
    const start = Math.floor(sample.at / step) * step;
    if (!bucket || bucket.start !== start) {
      if (bucket) out.push(bucket.result());
      bucket = new Bucket(start);
    }
    bucket.add(sample);
  }
  if (bucket) out.push(bucket.result());
  return out;
}

class Bucket {
  private readonly sums: Channels = {};
  private readonly counts: Channels = {};
  private readonly max: Channels = {};
  private readonly last: Channels = {};

  constructor(readonly start: number) {}

  add(sample: Sample): void {
    for (const [name, value] of Object.entries(sample.values)) {
      // A roll-up of roll-ups weighs each finer step equally: fine for steps that are full or nearly so.
      const high = sample.max?.[name] ?? value;
      this.sums[name] = (this.sums[name] ?? 0) + value;
      this.counts[name] = (this.counts[name] ?? 0) + 1;
      this.max[name] = Math.max(this.max[name] ?? -Infinity, high);
      this.last[name] = value;
    }
  }

  result(): Sample {
    const values: Channels = {};
    const max: Channels = {};
    for (const name of Object.keys(this.sums)) {
      const counter = channelKind(name).counter;
      values[name] = counter ? this.last[name] : this.sums[name] / this.counts[name];
      if (!counter) max[name] = this.max[name];
    }
    return { at: this.start, values, max };
  }
}
