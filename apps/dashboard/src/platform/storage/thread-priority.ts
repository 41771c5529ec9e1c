import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Gives the calling thread a higher nice value, i.e. a smaller share of a busy
 * CPU. On Linux nice is per thread, and /proc/thread-self names the thread's
 * id; raising nice needs no privilege.
 */
export function lowerThreadPriority(nice: number): void {
  try {
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), nice);
  } catch {
    // Not Linux, or the system refused: storage works the same, only without yielding to the event loop.
  }
}
