import type { Log } from '@sss/log';
import type { FleetRegistry } from './fleet-state';
import type { LatestReportStore } from './ports/latest-report-store.port';
import type { ReportCache } from './ports/report-cache.port';

/** Servers per write. */
const SAVE_SLICE = 500;

/**
 * Keeps the fleet across restarts: at start every stored server comes back
 * offline with its last report; while running, the servers that changed are
 * saved now and then (`save`, called by a timer and at shutdown).
 */
export class LatestReports {
  private dirty = new Set<string>();

  constructor(
    private readonly registry: FleetRegistry,
    private readonly cache: ReportCache,
    private readonly store: LatestReportStore,
    private readonly log: Log,
  ) {
    registry.changes$.subscribe((state) => this.dirty.add(state.serverId));
  }

  /** Puts every stored server back in the registry; how many came back. */
  async restore(): Promise<number> {
    let restored = 0;
    for (const row of await this.store.loadAll()) {
      try {
        this.registry.restore(row.serverId, this.cache.keep(row.json, undefined), row.lastSeen);
        restored++;
      } catch (err) {
        this.log.warn('stored report skipped', { serverId: row.serverId, error: (err as Error).message });
      }
    }
    return restored;
  }

  /** A removed server: not saved again, its row deleted. */
  async forget(serverId: string): Promise<void> {
    this.dirty.delete(serverId);
    await this.store.delete(serverId);
  }

  /**
   * Writes the servers that changed since the last save, a slice at a time:
   * each slice is a short turn of the event loop, so a large fleet's save
   * never holds up the live path. What fails stays due for the next save.
   */
  async save(): Promise<void> {
    const ids = [...this.dirty];
    this.dirty = new Set();
    for (let i = 0; i < ids.length; i += SAVE_SLICE) {
      const slice = ids.slice(i, i + SAVE_SLICE);
      const rows = slice.flatMap((serverId) => {
        const state = this.registry.get(serverId);
        return state ? [{ serverId, json: this.cache.json(state.report), lastSeen: state.lastSeen }] : [];
      });
      try {
        await this.store.save(rows);
      } catch (err) {
        for (const id of ids.slice(i)) this.dirty.add(id);
        throw err;
      }
    }
  }
}
