import type { Sample, ServerSample } from '../../domain/sample';

/**
 * Reports waiting to be written, oldest first. The live path adds one for
 * every report and each waits a second or more (longer while the store
 * fails), so how they are held decides how much the garbage collector has
 * to move: a seam for the adapter that holds them compactly.
 */
export interface SampleBatch {
  readonly length: number;
  /** A report's sample (readings only, no maxima). */
  add(serverId: string, sample: Sample): void;
  /** Adds every sample of `later` after this batch's own. */
  addAll(later: SampleBatch): void;
  /** Forgets the `count` oldest samples. */
  dropOldest(count: number): void;
  /** The samples as the store takes them, made on demand. */
  samples(): ServerSample[];
}

/** Makes an empty batch. */
export type SampleBatches = () => SampleBatch;
