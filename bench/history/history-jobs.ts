import { Log } from '@sss/log';
import { HistoryMaintenance } from '../../apps/dashboard/src/history/application/history-maintenance';
import { HistoryRecorder } from '../../apps/dashboard/src/history/application/history-recorder';
import { DEFAULT_RETENTION } from '../../apps/dashboard/src/history/domain/tiers';
import type { HistoryEngine } from './history-engine';

/** The default size cap (`history.maxBytes`). */
const MAX_BYTES = 2 * 1024 ** 3;

/**
 * The recorder and the maintenance jobs the dashboard runs over a store, on a clock the bench sets: the real time
 * while it measures ingest, a simulated one while it fills a database with months of history in minutes.
 */
export class HistoryJobs {
  /** What the clock says; `Date.now()` unless set. */
  now: () => number = () => Date.now();
  readonly recorder: HistoryRecorder;
  readonly maintenance: HistoryMaintenance;

  constructor(private readonly engine: HistoryEngine) {
    const now = () => this.now();
    // Never full here: the bench measures writing, not dropping.
    this.recorder = new HistoryRecorder(engine.store, new Log('history'), {
      engine: engine.engine,
      maxPending: 10_000_000,
      now,
    });
    this.maintenance = new HistoryMaintenance(engine.store, { retention: DEFAULT_RETENTION, maxBytes: MAX_BYTES, now });
  }

  /** Runs the maintenance until a run moves no roll-up mark and packs nothing: all there is to do at the clock's time is done. */
  async catchUp(): Promise<void> {
    for (let runs = 0; runs < 1_000; runs++) {
      const before = await this.progress();
      await this.maintenance.run();
      if ((await this.progress()) === before) return;
    }
    throw new Error('history maintenance did not catch up in 1,000 runs');
  }

  private async progress(): Promise<string> {
    const { store, db } = this.engine;
    const marks = await Promise.all(['rollup:1m', 'rollup:15m', 'rollup:1h'].map((m) => store.mark(m)));
    const staged = await db
      .selectFrom('history_staging')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return JSON.stringify([marks, Number(staged.n)]);
  }
}
