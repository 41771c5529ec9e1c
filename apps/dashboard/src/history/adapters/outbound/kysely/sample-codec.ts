import { channelKind } from '../../../domain/channels';
import type { Channels, Sample } from '../../../domain/sample';
import { ByteReader, ByteWriter, unzigzag, zigzag } from './byte-writer';
import { readChannelName, writeChannelName } from './channel-codes';

/** The first format, which wrote each column's channel name in full; chunks stored then are still read. */
const NAMES_IN_FULL = 1;
/** Known channel kinds by code (channel-codes.ts). */
const FORMAT = 2;

/**
 * Packs samples (oldest first) into compact bytes, column by column: times in
 * whole seconds, and per channel each value rounded to its kind's quantum and
 * written as the zigzag varint of its difference from the previous value.
 * Readings change little from one report to the next, so most values take
 * one or two bytes. A zero token marks a value missing from that sample.
 * Exact for integers up to 2^51 (a 2 PB byte counter).
 */
export function encodeSamples(samples: readonly Sample[]): Uint8Array {
  const out = new ByteWriter();
  out.uint(FORMAT);
  out.uint(samples.length);
  let previous = 0;
  for (const sample of samples) {
    const seconds = Math.round(sample.at / 1000);
    out.int(seconds - previous);
    previous = seconds;
  }
  const hasMax = samples.some((s) => s.max);
  out.uint(hasMax ? 1 : 0);
  writeColumns(out, samples, (s) => s.values);
  if (hasMax) writeColumns(out, samples, (s) => s.max ?? {});
  return out.result();
}

export function decodeSamples(bytes: Uint8Array): Sample[] {
  const input = new ByteReader(bytes);
  const format = input.uint();
  if (format !== FORMAT && format !== NAMES_IN_FULL) throw new Error(`unknown history chunk format ${format}`);
  const readName = format === FORMAT ? readChannelName : (from: ByteReader) => from.text();
  const count = input.uint();
  const samples: Sample[] = [];
  let seconds = 0;
  for (let i = 0; i < count; i++) {
    seconds += input.int();
    samples.push({ at: seconds * 1000, values: {} });
  }
  const hasMax = input.uint() === 1;
  readColumns(input, readName, samples, (s) => s.values);
  if (hasMax) readColumns(input, readName, samples, (s) => (s.max ??= {}));
  return samples;
}

function writeColumns(out: ByteWriter, samples: readonly Sample[], pick: (s: Sample) => Channels): void {
  const names = samples.length === 1 ? Object.keys(pick(samples[0])) : [...new Set(samples.flatMap((s) => Object.keys(pick(s))))];
  out.uint(names.length);
  for (const name of names) {
    writeChannelName(out, name);
    const scale = scaleOf(name);
    let previous = 0;
    for (const sample of samples) {
      const value = pick(sample)[name];
      if (value === undefined || !Number.isFinite(value)) {
        out.uint(0);
        continue;
      }
      const quantised = scale.quantise(value);
      out.uint(zigzag(quantised - previous) + 1);
      previous = quantised;
    }
  }
}

function readColumns(input: ByteReader, readName: (from: ByteReader) => string, samples: Sample[], target: (s: Sample) => Channels): void {
  const channels = input.uint();
  for (let c = 0; c < channels; c++) {
    const name = readName(input);
    const scale = scaleOf(name);
    let previous = 0;
    for (const sample of samples) {
      const token = input.uint();
      if (token === 0) continue;
      previous += unzigzag(token - 1);
      target(sample)[name] = scale.restore(previous);
    }
  }
}

interface Scale {
  quantise(value: number): number;
  restore(quantised: number): number;
}

const scales = new Map<string, Scale>();

/** Fractional quanta divide by their inverse on the way back, so 12.34 % comes back as 12.34, not 12.340000000000002. */
function scaleOf(name: string): Scale {
  let scale = scales.get(name);
  if (!scale) {
    scale = makeScale(channelKind(name).quantum);
    if (scales.size < 10_000) scales.set(name, scale);
  }
  return scale;
}

function makeScale(quantum: number): Scale {
  if (quantum >= 1) return { quantise: (v) => Math.round(v / quantum), restore: (q) => q * quantum };
  const per = Math.round(1 / quantum);
  return { quantise: (v) => Math.round(v * per), restore: (q) => q / per };
}
