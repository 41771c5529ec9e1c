import type { EventsResponse } from '@sss/contracts';
import type { ServerCatalog } from '../../catalog';
import { transitionPage, transitionRowsFor } from '../domain/transition';
import { UPTIME_WINDOWS, uptimeFigures } from '../domain/uptime-figures';
import type { HistoryStore } from './ports/history-store.port';
import { transitionsSince } from './transitions-since';

/** `GET /api/servers/:id/events`: a server's online/offline transitions, newest first, a page at a time, with its uptime. */
export class EventsQuery {
  constructor(
    private readonly store: HistoryStore,
    private readonly catalog: ServerCatalog,
    private readonly now: () => number,
  ) {}

  /** The `limit` newest transitions before `before` (default: all up to now); undefined: not a configured server. */
  async events(serverId: string, before: number | undefined, limit: number): Promise<EventsResponse | undefined> {
    if (!this.catalog.get(serverId)) return undefined;
    const now = this.now();
    const rows = await this.store.transitions(serverId, before ?? now + 1, transitionRowsFor(limit));
    const { page, nextBefore } = transitionPage(rows, limit);
    const events = page.map(({ at, online, cause }) => ({ at, online, cause }));
    const recent = await transitionsSince(this.store, serverId, now - UPTIME_WINDOWS['30d'], now);
    return { serverId, events, nextBefore, uptime: uptimeFigures(recent, now) };
  }
}
