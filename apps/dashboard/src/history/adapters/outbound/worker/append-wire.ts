import type { ServerSample } from '../../../domain/sample';
import type { Transition } from '../../../domain/transition';

/** HistoryStore.append's arguments as they cross to the storage worker thread. */
export interface PackedSamples {
  serverIds: string[];
  at: Float64Array;
  /** Where each sample's entries in `channel` and `value` end (they start where the previous sample's end). */
  ends: Uint32Array;
  names: string[];
  /** Index into `names`. */
  channel: Uint32Array;
  value: Float64Array;
}

type AppendArgs = [readonly ServerSample[], readonly Transition[]];

/**
 * Copying a message to another thread walks every object in it, on the
 * dashboard's event loop: a second's samples of a large fleet are thousands
 * of small objects. Packed into typed arrays (handed over, not copied) they
 * cost a fraction of that.
 */
export function packAppend([samples, transitions]: AppendArgs): { args: unknown[]; transfer: ArrayBuffer[] } {
  let entries = 0;
  for (const { sample } of samples) entries += Object.keys(sample.values).length;
  const packed: PackedSamples = {
    serverIds: new Array<string>(samples.length),
    at: new Float64Array(samples.length),
    ends: new Uint32Array(samples.length),
    names: [],
    channel: new Uint32Array(entries),
    value: new Float64Array(entries),
  };
  const nameIndex = new Map<string, number>();
  let entry = 0;
  samples.forEach(({ serverId, sample }, i) => {
    packed.serverIds[i] = serverId;
    packed.at[i] = sample.at;
    if (sample.max) throw new Error('append takes reports, not roll-ups');
    for (const name in sample.values) {
      let index = nameIndex.get(name);
      if (index === undefined) nameIndex.set(name, (index = packed.names.push(name) - 1));
      packed.channel[entry] = index;
      packed.value[entry++] = sample.values[name];
    }
    packed.ends[i] = entry;
  });
  const transfer = [packed.at, packed.ends, packed.channel, packed.value].map((a) => a.buffer as ArrayBuffer);
  return { args: [packed, transitions], transfer };
}

export function unpackAppend([packed, transitions]: unknown[]): AppendArgs {
  const { serverIds, at, ends, names, channel, value } = packed as PackedSamples;
  let entry = 0;
  const samples = serverIds.map((serverId, i): ServerSample => {
    const values: Record<string, number> = {};
    for (; entry < ends[i]; entry++) values[names[channel[entry]]] = value[entry];
    return { serverId, sample: { at: at[i], values } };
  });
  return [samples, transitions as Transition[]];
}
