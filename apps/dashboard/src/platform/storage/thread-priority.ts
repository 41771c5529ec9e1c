import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Gives the calling thread a higher nice value, i.e. a smaller share of a busy
 * CPU. On Linux nice is per thread, and /proc/thread-self names the thread's
 * id; elsewhere nothing changes (false). Raising nice needs no privilege.
 */
export function lowerThreadPriority(nice: number): boolean {
  let threadId: number;
  try {
    threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return false;
  }
  setPriority(threadId, nice);
  return true;
}
