import type { ServerSample, Sample } from '../../../domain/sample';
import type { SampleBatch } from '../../../application/ports/sample-batch.port';

/**
 * Samples held as a few flat arrays of numbers instead of an object graph
 * per report: a second's reports of a large fleet outlive several young
 * collections, and as objects they would all be promoted to the old
 * generation, where only a full (pausing) collection frees them.
 */
export class PackedSampleBatch implements SampleBatch {
  private serverIds: string[] = [];
  private at: number[] = [];
  /** Readings per sample: its entries in `channels` and `values` follow the previous sample's. */
  private counts: number[] = [];
  /** Index into `names`. */
  private channels: number[] = [];
  private values: number[] = [];
  private readonly names: string[] = [];
  private readonly nameIndex = new Map<string, number>();

  get length(): number {
    return this.at.length;
  }

  add(serverId: string, sample: Sample): void {
    if (sample.max) throw new Error('a batch holds reports, not roll-ups');
    let count = 0;
    for (const name in sample.values) {
      let index = this.nameIndex.get(name);
      if (index === undefined) this.nameIndex.set(name, (index = this.names.push(name) - 1));
      this.channels.push(index);
      this.values.push(sample.values[name]);
      count++;
    }
    this.serverIds.push(serverId);
    this.at.push(sample.at);
    this.counts.push(count);
  }

  addAll(later: SampleBatch): void {
    for (const { serverId, sample } of later.samples()) this.add(serverId, sample);
  }

  dropOldest(count: number): void {
    let entries = 0;
    for (let i = 0; i < Math.min(count, this.length); i++) entries += this.counts[i];
    this.serverIds = this.serverIds.slice(count);
    this.at = this.at.slice(count);
    this.counts = this.counts.slice(count);
    this.channels = this.channels.slice(entries);
    this.values = this.values.slice(entries);
  }

  samples(): ServerSample[] {
    const out = new Array<ServerSample>(this.length);
    let entry = 0;
    for (let i = 0; i < this.length; i++) {
      const values: Record<string, number> = {};
      for (const end = entry + this.counts[i]; entry < end; entry++) values[this.names[this.channels[entry]]] = this.values[entry];
      out[i] = { serverId: this.serverIds[i], sample: { at: this.at[i], values } };
    }
    return out;
  }
}
