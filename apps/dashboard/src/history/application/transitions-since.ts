import { type Transition, transitionPage, transitionRowsFor } from '../domain/transition';
import type { HistoryStore } from './ports/history-store.port';

/** Transitions read per store call while walking back. */
const PAGE = 500;

/**
 * One server's transitions at or before `now` and at or after `since`, newest
 * first, plus the latest one before `since` (the state a window starts in), if any.
 */
export async function transitionsSince(store: HistoryStore, serverId: string, since: number, now: number): Promise<Transition[]> {
  const out: Transition[] = [];
  let before = now + 1;
  for (;;) {
    const { page, nextBefore } = transitionPage(await store.transitions(serverId, before, transitionRowsFor(PAGE)), PAGE);
    out.push(...page);
    if (nextBefore === null || nextBefore < since) return out;
    before = nextBefore;
  }
}
