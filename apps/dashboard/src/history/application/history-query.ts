import type { HistoryMetric, HistoryResponse, HistoryTier } from '@sss/contracts';
import type { ServerCatalog } from '../../catalog';
import { resolution } from '../domain/resolution';
import { rollUp } from '../domain/roll-up';
import type { Sample } from '../domain/sample';
import { toSeries } from '../domain/series';
import { tierSpec, type Retention } from '../domain/tiers';
import type { HistoryStore } from './ports/history-store.port';

export interface HistoryRequest {
  /** [from, to) in Unix ms, from < to. */
  from: number;
  to: number;
  metrics: readonly HistoryMetric[];
  /** The finest step wanted, ms; coarser when the range needs it. */
  step?: number;
}

/** `GET /api/servers/:id/history`: one server's chart data from the tier that fits the range. */
export class HistoryQuery {
  constructor(
    private readonly store: HistoryStore,
    private readonly catalog: ServerCatalog,
    private readonly retention: Retention,
    private readonly now: () => number,
  ) {}

  /** undefined: not a configured server. */
  async history(serverId: string, { from, to, metrics, step: requested }: HistoryRequest): Promise<HistoryResponse | undefined> {
    if (!this.catalog.get(serverId)) return undefined;
    const { tier, step } = resolution(from, to, this.now(), this.retention, requested);
    const samples = await this.read(serverId, tier, Math.floor(from / step) * step, to);
    return { serverId, from, to, step, tier, ...toSeries(samples, from, to, step, metrics) };
  }

  /**
   * A tier's samples of [from, to), oldest first. A roll-up tier is complete
   * only up to its `rollup:<tier>` mark: the part after it is rolled up here,
   * from the next finer tier (itself read the same way).
   */
  private async read(serverId: string, tier: HistoryTier, from: number, to: number): Promise<Sample[]> {
    const spec = tierSpec(tier);
    if (!spec.source) return this.store.samples(serverId, tier, from, to);
    const mark = await this.store.mark(`rollup:${tier}`);
    const split = mark === null ? from : Math.min(to, Math.max(from, Math.floor(mark / spec.step) * spec.step));
    const stored = split > from ? await this.store.samples(serverId, tier, from, split) : [];
    const rest = split < to ? rollUp(await this.read(serverId, spec.source, split, to), spec.step) : [];
    return stored.concat(rest);
  }
}
