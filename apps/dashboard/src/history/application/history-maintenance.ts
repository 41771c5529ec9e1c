import type { HistoryTier } from '@sss/contracts';
import { TIER_SPECS, tierSpec, type Retention } from '../domain/tiers';
import type { HistoryStore } from './ports/history-store.port';

/** Servers per store call: each call is one short transaction, so ingest never waits long behind it. */
const BATCH = 200;
/** Store calls per run and job, so one run stays short however far behind it is. */
const CALLS_PER_RUN = 20;
/** Raw samples may arrive this late; a window is packed or rolled up only once it is this far past. */
const RAW_LAG_MS = 60_000;

export interface MaintenanceOptions {
  retention: Retention;
  maxBytes: number;
  now: () => number;
}

/**
 * The background work on stored history, run every few seconds: pack raw
 * samples, roll finished windows up tier by tier, delete what is past its
 * age, and keep the database under its size cap by trimming the oldest data
 * of the finest tier first. Each part does a bounded amount per run and
 * resumes where it stopped.
 */
export class HistoryMaintenance {
  /** Where an unfinished roll-up window stopped, by tier. */
  private readonly resumeAfter = new Map<HistoryTier, string>();

  constructor(
    private readonly store: HistoryStore,
    private readonly options: MaintenanceOptions,
  ) {}

  async run(): Promise<void> {
    const now = this.options.now();
    const packed = await this.compact(now);
    // Roll-ups read the raw tier a server at a time; staged reports are read by the batch, so they wait until packed.
    for (const spec of TIER_SPECS) if (spec.source && (packed || spec.source !== 'raw')) await this.rollUp(spec.tier, now);
    await this.expire(now);
    await this.capSize();
  }

  /** Whether everything due is packed. */
  private async compact(now: number): Promise<boolean> {
    for (let i = 0; i < CALLS_PER_RUN; i++) {
      if ((await this.store.compact(now - RAW_LAG_MS, BATCH)) < BATCH) return true;
    }
    return false;
  }

  /** Rolls up finished windows of `tier` in order; the mark `rollup:<tier>` is where its data is complete. */
  private async rollUp(tier: HistoryTier, now: number): Promise<void> {
    const spec = tierSpec(tier);
    const sourceDone = spec.source === 'raw' ? now - RAW_LAG_MS : await this.store.mark(`rollup:${spec.source}`);
    if (sourceDone === null) return;
    let from = (await this.store.mark(`rollup:${tier}`)) ?? this.firstWindow(spec.source!, now, spec.window);
    for (let calls = 0; calls < CALLS_PER_RUN && from + spec.window <= sourceDone; calls++) {
      const to = from + spec.window;
      const last = await this.store.rollUp({ tier, from, to, after: this.resumeAfter.get(tier), limit: BATCH });
      if (last !== null) {
        this.resumeAfter.set(tier, last);
        continue;
      }
      this.resumeAfter.delete(tier);
      await this.store.setMark(`rollup:${tier}`, to);
      from = to;
    }
  }

  /** A new database starts rolling up at the oldest window its source tier may still hold. */
  private firstWindow(source: HistoryTier, now: number, window: number): number {
    return Math.floor((now - this.options.retention[source]) / window) * window;
  }

  private async expire(now: number): Promise<void> {
    for (const spec of TIER_SPECS) {
      const before = now - this.options.retention[spec.tier];
      for (let i = 0; i < CALLS_PER_RUN; i++) if ((await this.store.expire(spec.tier, before, BATCH * 10)) < BATCH * 10) break;
    }
    const longest = Math.max(...Object.values(this.options.retention));
    await this.store.expireTransitions(now - longest);
  }

  /** Trims the finest tier that has anything to trim until the database fits its cap. */
  private async capSize(): Promise<void> {
    let tiers = TIER_SPECS.map((t) => t.tier);
    for (let i = 0; i < CALLS_PER_RUN && tiers.length > 0; i++) {
      if ((await this.store.size()) <= this.options.maxBytes) return;
      if ((await this.store.trimOldest(tiers[0], BATCH)) === 0) tiers = tiers.slice(1);
    }
  }
}
