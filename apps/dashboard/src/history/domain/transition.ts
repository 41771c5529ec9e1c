import type { TransitionCause } from '@sss/contracts';

/** A server going online or offline, and why. */
export interface Transition {
  serverId: string;
  at: number;
  online: boolean;
  cause: TransitionCause;
}

/**
 * The share of [from, to) a server was online, 0..100, from its transitions
 * inside the window (oldest first) and the state it was in at `from`
 * (undefined: nothing known before, so time before its first transition does not count).
 */
export function uptimePercent(before: boolean | undefined, inside: readonly Transition[], from: number, to: number): number | null {
  let state = before;
  let since = from;
  let known = 0;
  let online = 0;
  for (const t of inside) {
    if (state !== undefined) {
      known += t.at - since;
      if (state) online += t.at - since;
    }
    state = t.online;
    since = t.at;
  }
  if (state !== undefined) {
    known += to - since;
    if (state) online += to - since;
  }
  return known > 0 ? (online / known) * 100 : null;
}
