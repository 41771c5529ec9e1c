/** One server's entry in a history_staging row: its samples, encoded by the history store (opaque here). */
export interface StagedEntry {
  serverId: string;
  data: Uint8Array;
}

/** The layout's version, the row's first byte. */
const LAYOUT = 1;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A history_staging row holds one bucket's reports of one second, so a second's reports make a few dozen rows, not
 * one each (staging-bucket.ts). Its data: the layout byte, then per entry the server id's length (2 bytes), its
 * UTF-8 bytes, the data's length (4 bytes) and the data. Kept here, beside the migration that writes it.
 */
export function packStagedEntries(entries: readonly StagedEntry[]): Uint8Array {
  const ids = entries.map((e) => encoder.encode(e.serverId));
  let length = 1;
  for (let i = 0; i < entries.length; i++) length += 6 + ids[i].length + entries[i].data.length;
  const bytes = new Uint8Array(length);
  const view = new DataView(bytes.buffer);
  bytes[0] = LAYOUT;
  let offset = 1;
  for (let i = 0; i < entries.length; i++) {
    if (ids[i].length > 0xffff) throw new Error('server id too long to stage');
    view.setUint16(offset, ids[i].length);
    bytes.set(ids[i], offset + 2);
    offset += 2 + ids[i].length;
    view.setUint32(offset, entries[i].data.length);
    bytes.set(entries[i].data, offset + 4);
    offset += 4 + entries[i].data.length;
  }
  return bytes;
}

/** The entries of a row, in the order they were packed; only `serverId`'s when given (others are skipped undecoded). */
export function unpackStagedEntries(bytes: Uint8Array, serverId?: string): StagedEntry[] {
  if (bytes[0] !== LAYOUT) throw new Error(`unknown history staging layout ${bytes[0]}`);
  const wanted = serverId === undefined ? undefined : encoder.encode(serverId);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries: StagedEntry[] = [];
  let offset = 1;
  while (offset < bytes.length) {
    if (offset + 2 > bytes.length) throw new Error('truncated history staging row');
    const idEnd = offset + 2 + view.getUint16(offset);
    if (idEnd + 4 > bytes.length) throw new Error('truncated history staging row');
    const dataEnd = idEnd + 4 + view.getUint32(idEnd);
    if (dataEnd > bytes.length) throw new Error('truncated history staging row');
    const id = bytes.subarray(offset + 2, idEnd);
    if (!wanted || sameBytes(id, wanted)) {
      entries.push({ serverId: serverId ?? decoder.decode(id), data: bytes.subarray(idEnd + 4, dataEnd) });
    }
    offset = dataEnd;
  }
  return entries;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
