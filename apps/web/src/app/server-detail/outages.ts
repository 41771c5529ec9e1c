import type { ServerEvent, TransitionCause } from '@sss/contracts/constants';

/** A time a server was offline: from its going offline to its next coming online (null: still offline). */
export interface Outage {
  from: number;
  to: number | null;
  /** Why it went offline. */
  cause: TransitionCause;
}

/**
 * The outages in a list of events, newest first as the events endpoint gives
 * them. An outage runs from an offline event to the next online one; a second
 * offline event inside it (e.g. a dashboard restart while the server was
 * silent) does not start another. An online event with no offline before it
 * in the list (the outage began before the page) is left out.
 */
export function outagesOf(events: readonly ServerEvent[]): Outage[] {
  const outages: Outage[] = [];
  let open: Outage | undefined;
  for (const event of [...events].sort((a, b) => a.at - b.at)) {
    if (!event.online) open ??= { from: event.at, to: null, cause: event.cause };
    else if (open) {
      outages.push({ ...open, to: event.at });
      open = undefined;
    }
  }
  if (open) outages.push(open);
  return outages.reverse();
}
