import type { ServerSample } from '../../../domain/sample';
import { PackedSampleBatch } from './packed-sample-batch';

const sample = (serverId: string, at: number, values: Record<string, number>): ServerSample => ({ serverId, sample: { at, values } });

function batchOf(...samples: ServerSample[]): PackedSampleBatch {
  const batch = new PackedSampleBatch();
  for (const { serverId, sample } of samples) batch.add(serverId, sample);
  return batch;
}

describe('PackedSampleBatch', () => {
  const a = sample('web-1', 1_000, { cpu: 12.5, mem: 1e9, 'disk.used /': 5e10 });
  const b = sample('db-1', 1_500, { cpu: 3, 'disk.used /data': 7, 'disk.used /': 1 });
  const c = sample('web-1', 6_000, {});
  const d = sample('db-1', 6_500, { cpu: Number.MAX_SAFE_INTEGER, load: 0.25 });

  it('gives back every sample as it was added, oldest first', () => {
    const batch = batchOf(a, b, c, d);
    expect(batch.length).toBe(4);
    expect(batch.samples()).toEqual([a, b, c, d]);
    expect(new PackedSampleBatch().samples()).toEqual([]);
  });

  it('adds a later batch after its own samples', () => {
    const batch = batchOf(a, b);
    batch.addAll(batchOf(c, d));
    expect(batch.samples()).toEqual([a, b, c, d]);
  });

  it('drops the oldest samples with their readings only', () => {
    const batch = batchOf(a, b, c, d);
    batch.dropOldest(2);
    expect(batch.samples()).toEqual([c, d]);
    batch.dropOldest(1);
    expect(batch.samples()).toEqual([d]);
    batch.dropOldest(5);
    expect(batch.length).toBe(0);
    expect(batch.samples()).toEqual([]);
  });

  it('refuses a roll-up step (it holds reports)', () => {
    expect(() => new PackedSampleBatch().add('web-1', { at: 0, values: { cpu: 1 }, max: { cpu: 2 } })).toThrow(/reports/);
  });
});
