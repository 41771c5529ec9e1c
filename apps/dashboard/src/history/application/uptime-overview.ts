import type { UptimeByServer } from '@sss/contracts';
import type { ServerCatalog } from '../../catalog';
import { UPTIME_WINDOWS, uptimeOver } from '../domain/uptime-figures';
import type { Transition } from '../domain/transition';
import type { HistoryStore } from './ports/history-store.port';

/**
 * `GET /api/uptime`: every configured server's uptime over the last 24 h, for
 * the board's cards. Every board that loads asks, and 24 h barely moves in a
 * few seconds: one answer, read in two queries for the whole fleet, is
 * shared by all requests for `maxAgeMs`.
 */
export class UptimeOverview {
  private cached?: { at: number; answer: Promise<UptimeByServer> };

  constructor(
    private readonly store: HistoryStore,
    private readonly catalog: ServerCatalog,
    private readonly now: () => number,
    private readonly maxAgeMs: number,
  ) {}

  all(): Promise<UptimeByServer> {
    const now = this.now();
    if (!this.cached || now - this.cached.at >= this.maxAgeMs) {
      const answer = this.compute(now);
      this.cached = { at: now, answer };
      // A failure is not kept: the next request tries again.
      answer.catch(() => {
        if (this.cached?.answer === answer) this.cached = undefined;
      });
    }
    return this.cached.answer;
  }

  private async compute(now: number): Promise<UptimeByServer> {
    const from = now - UPTIME_WINDOWS['24h'];
    const byServer = new Map<string, Transition[]>();
    for (const t of await this.store.windowTransitions(from, now + 1)) {
      const list = byServer.get(t.serverId);
      if (list) list.push(t);
      else byServer.set(t.serverId, [t]);
    }
    const ids = this.catalog.list().map((entry) => entry.id);
    // uptimeOver reads newest first; the store gives oldest first.
    return Object.fromEntries(ids.map((id) => [id, uptimeOver((byServer.get(id) ?? []).reverse(), from, now)]));
  }
}
