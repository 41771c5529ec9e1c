import { close, open, read } from 'node:fs';
import { promisify } from 'node:util';

// Plain descriptors, not fs/promises' FileHandle objects: four of those per
// count measurably grew the RSS of a sampling loop.
const openFd = promisify(open);
const readFd = promisify(read);
const closeFd = promisify(close);

const NEWLINE = 0x0a;
const COLON = 0x3a;
/** The digits of `0A`, TCP_LISTEN in the `st` column. */
const ZERO = 0x30;
const A = 0x41;

/**
 * Where the two hex digits of the `st` column start, counted from the colon
 * after the slot number: `   0: 0100007F:0016 0100007F:B6BF 0A ...`. Both
 * addresses are fixed-width hex (8 digits for IPv4, 32 for IPv6) with a
 * 4-digit port, so the column is at a fixed offset from that colon.
 */
export const STATE_OFFSET = { ipv4: 2 + 2 * (8 + 1 + 4 + 1), ipv6: 2 + 2 * (32 + 1 + 4 + 1) } as const;

export interface SocketTable {
  path: string;
  stateOffset: number;
  /** TCP: leave out listening sockets. */
  skipListening: boolean;
}

/**
 * Counts the rows of a /proc/net/{tcp,tcp6,udp,udp6} table, without TCP
 * listeners if asked. The table is read in chunks into `buffer` (reused across
 * calls) and each row is judged by the bytes of its state column, so a host
 * with 100,000 connections costs no string and no array, only the reads.
 * Undefined when the table cannot be read (e.g. IPv6 disabled).
 */
export async function countSockets(table: SocketTable, buffer: Buffer): Promise<number | undefined> {
  let fd: number;
  try {
    fd = await openFd(table.path, 'r');
  } catch {
    return undefined;
  }
  try {
    let count = 0;
    let filled = 0;
    let header = true;
    for (;;) {
      const { bytesRead } = await readFd(fd, buffer, filled, buffer.length - filled, null);
      filled += bytesRead;
      // Whole rows only; a row cut by the chunk's end waits for the next read.
      let start = 0;
      for (let end = buffer.indexOf(NEWLINE, start); end >= 0 && end < filled; end = buffer.indexOf(NEWLINE, start)) {
        if (header) header = false;
        else if (isCounted(buffer, start, end, table)) count++;
        start = end + 1;
      }
      if (bytesRead === 0) {
        // A last row without a newline.
        if (!header && start < filled && isCounted(buffer, start, filled, table)) count++;
        return count;
      }
      if (start === 0 && filled === buffer.length) throw new Error(`${table.path}: a row longer than ${buffer.length} bytes`);
      buffer.copyWithin(0, start, filled);
      filled -= start;
    }
  } finally {
    await closeFd(fd);
  }
}

function isCounted(buffer: Buffer, start: number, end: number, table: SocketTable): boolean {
  const colon = buffer.indexOf(COLON, start);
  if (colon < 0 || colon >= end) return false; // not a row (a blank line)
  if (!table.skipListening) return true;
  const state = colon + table.stateOffset;
  return !(state + 1 < end && buffer[state] === ZERO && buffer[state + 1] === A);
}
