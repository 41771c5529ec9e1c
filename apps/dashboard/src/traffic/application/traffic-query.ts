import type { TrafficByServer, TrafficResponse } from '@sss/contracts';
import type { ServerCatalog } from '../../catalog';
import { lastPeriods } from '../domain/billing-cycle';
import { periodTotals } from '../domain/period-totals';
import type { TrafficDay } from '../domain/traffic-day';
import { DEFAULT_TRAFFIC_PLAN } from '../domain/traffic-plan';
import { quotaPercent, usedBytes } from '../domain/traffic-usage';
import type { TrafficStore } from './ports/traffic-store.port';
import type { TrafficLedger } from './traffic-ledger';

/** `GET /api/servers/:id/traffic` and `GET /api/traffic`: periods summed from the stored days and the ledger's unsaved ones. */
export class TrafficQuery {
  constructor(
    private readonly store: TrafficStore,
    private readonly ledger: TrafficLedger,
    private readonly catalog: ServerCatalog,
    private readonly now: () => number,
  ) {}

  /** The last `count` periods of a server, the current one first; undefined: not a configured server. */
  async traffic(serverId: string, count: number): Promise<TrafficResponse | undefined> {
    const entry = this.catalog.get(serverId);
    if (!entry) return undefined;
    const plan = entry.traffic ?? DEFAULT_TRAFFIC_PLAN;
    const periods = lastPeriods(this.now(), plan.resetDay, count);
    const stored = await this.store.days(serverId, periods[periods.length - 1].start, periods[0].end);
    const totals = periodTotals(periods, newest(stored, this.ledger.unsavedDays(serverId)), plan.direction);
    return { serverId, ...plan, percent: quotaPercent(totals[0].used, plan.quotaBytes), periods: totals };
  }

  /** Every configured server's current period, from memory. */
  overview(): TrafficByServer {
    const now = this.now();
    const answer: TrafficByServer = {};
    for (const { id, traffic } of this.catalog.list()) {
      const plan = traffic ?? DEFAULT_TRAFFIC_PLAN;
      const { period, sent, recv } = this.ledger.current(id, now);
      const used = usedBytes({ sent, recv }, plan.direction);
      answer[id] = { ...period, sent, recv, used, quotaBytes: plan.quotaBytes, percent: quotaPercent(used, plan.quotaBytes) };
    }
    return answer;
  }
}

/** The stored days with the ledger's totals in place of the stored ones where it has them (its totals are newer, never increments). */
function newest(stored: readonly TrafficDay[], unsaved: readonly TrafficDay[]): TrafficDay[] {
  const byDay = new Map(stored.map((d) => [d.day, d]));
  for (const d of unsaved) byDay.set(d.day, d);
  return [...byDay.values()];
}
