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

/** Rows to read for a page of `limit` transitions: see `transitionPage`. */
export const transitionRowsFor = (limit: number): number => limit + 2;

/**
 * A page of `limit` transitions, newest first, out of `transitionRowsFor(limit)`
 * rows read with `at < before`, and the `before` of the next page (null: none).
 * A page never ends between two transitions of the same millisecond, as the next
 * page (`at < nextBefore`) would skip the rest: a server has at most one each way
 * per millisecond (the store's key), so the page takes the second one too.
 */
export function transitionPage(rows: readonly Transition[], limit: number): { page: Transition[]; nextBefore: number | null } {
  let end = Math.min(limit, rows.length);
  if (end > 0 && end < rows.length && rows[end].at === rows[end - 1].at) end++;
  const page = rows.slice(0, end);
  return { page, nextBefore: rows.length > end ? page[end - 1].at : null };
}
