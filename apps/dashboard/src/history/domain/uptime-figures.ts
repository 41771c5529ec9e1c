import type { UptimeFigures } from '@sss/contracts';
import { uptimePercent, type Transition } from './transition';

const DAY = 24 * 60 * 60 * 1000;

/** The windows uptime is shown for, in milliseconds before now. */
export const UPTIME_WINDOWS: Record<keyof UptimeFigures, number> = { '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY };

/**
 * The share of [from, to) a server was online, from its transitions newest
 * first: every one from `to` back to `from`, and then the latest one before
 * `from`, if any, which gives the state the window starts in.
 */
export function uptimeOver(newestFirst: readonly Transition[], from: number, to: number): number | null {
  const inside: Transition[] = [];
  let before: Transition | undefined;
  for (const t of newestFirst) {
    if (t.at >= to) continue;
    if (t.at < from) {
      before = t;
      break;
    }
    inside.push(t);
  }
  return uptimePercent(before?.online, inside.reverse(), from, to);
}

/** Uptime for 24 h, 7 d and 30 d before `now`, from the transitions back to (and one before) 30 days. */
export function uptimeFigures(newestFirst: readonly Transition[], now: number): UptimeFigures {
  return {
    '24h': uptimeOver(newestFirst, now - UPTIME_WINDOWS['24h'], now),
    '7d': uptimeOver(newestFirst, now - UPTIME_WINDOWS['7d'], now),
    '30d': uptimeOver(newestFirst, now - UPTIME_WINDOWS['30d'], now),
  };
}
