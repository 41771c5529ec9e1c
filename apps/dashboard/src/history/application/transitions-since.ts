import type { Transition } from '../domain/transition';
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
    const page = await store.transitions(serverId, before, PAGE);
    out.push(...page);
    const oldest = page[page.length - 1];
    if (page.length < PAGE || oldest.at < since) return out;
    before = oldest.at;
  }
}
