import type { UptimeByServer } from '@sss/contracts';
import type { ServerCatalog } from '../../catalog';
import { UPTIME_WINDOWS, uptimeOver } from '../domain/uptime-figures';
import type { HistoryStore } from './ports/history-store.port';
import { transitionsSince } from './transitions-since';

/**
 * `GET /api/uptime`: every configured server's uptime over the last 24 h, for
 * the board's cards. Every board that loads asks, and 24 h barely moves in a
 * few seconds: one answer is shared by all requests for `maxAgeMs`.
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
    const ids = this.catalog.list().map((entry) => entry.id);
    const figures = await Promise.all(ids.map(async (id) => uptimeOver(await transitionsSince(this.store, id, from, now), from, now)));
    return Object.fromEntries(ids.map((id, i) => [id, figures[i]]));
  }
}
