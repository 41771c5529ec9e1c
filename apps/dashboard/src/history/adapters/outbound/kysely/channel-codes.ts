import { splitChannel } from '../../../domain/channels';
import type { ByteReader, ByteWriter } from './byte-writer';

/**
 * Stored channel kinds by code (index + 1). The bytes on disk refer to these: only ever append. Code 0 is a name
 * written out in full (a kind this list does not have).
 */
const KIND_CODES = [
  'cpu',
  'cpu.iowait',
  'cpu.steal',
  'mem',
  'swap',
  'load',
  'procs',
  'conn.tcp',
  'conn.udp',
  'temp.max',
  'net.in',
  'net.out',
  'net.sent',
  'net.recv',
  'disk.used',
  'disk.read',
  'disk.write',
  'gpu.util',
];
const CODE_OF = new Map(KIND_CODES.map((kind, i) => [kind, i + 1]));

/**
 * A channel name as a kind's code and its subject (a mount path, empty when there is none): a staged report of a
 * dozen channels is about half the bytes it was with every name in full, which is most of what inserting it costs.
 */
export function writeChannelName(out: ByteWriter, name: string): void {
  const { kind, subject } = splitChannel(name);
  const code = CODE_OF.get(kind);
  // An empty subject ("disk.used ") would come back without its space: such a name is written out.
  if (code === undefined || subject === '') {
    out.uint(0);
    out.text(name);
    return;
  }
  out.uint(code);
  out.text(subject ?? '');
}

export function readChannelName(input: ByteReader): string {
  const code = input.uint();
  if (code === 0) return input.text();
  const kind = KIND_CODES[code - 1];
  if (kind === undefined) throw new Error(`unknown channel kind ${code} in history chunk`);
  const subject = input.text();
  return subject === '' ? kind : `${kind} ${subject}`;
}
