import { RateLimiter, type Log } from '@sss/log';
import type { Transition } from '../domain/transition';
import { PendingReports } from './pending-reports';
import type { HistoryStatus, HistoryStatusSnapshot } from './ports/history-status.port';
import type { HistoryStore, ReportTexts } from './ports/history-store.port';

const MAX_RETRY_DELAY_MS = 60_000;
/** /api/stats asks for the database size; measuring it scans the tables, so a recent answer is reused. */
const USAGE_FRESH_MS = 30_000;

export interface RecorderOptions {
  engine: HistoryStatusSnapshot['engine'];
  /** Reports and transitions held while the store cannot take them; beyond it the oldest are dropped and counted. */
  maxPending: number;
  now: () => number;
}

/**
 * Takes reports and transitions from the live path without waiting for
 * anything: `record*` only append to memory. `flush` (every second, from a
 * timer) writes what is pending in one transaction; while the store fails,
 * the data waits, retried with a growing delay, up to `maxPending`.
 */
export class HistoryRecorder implements HistoryStatus {
  private readonly reports = new PendingReports();
  private transitions: Transition[] = [];
  private writing = false;
  private failures = 0;
  private retryAt = 0;
  private writeErrors = 0;
  private dropped = 0;
  private usage?: { at: number; value: HistoryStatusSnapshot['usage'] };
  private readonly failureLog = new RateLimiter(60_000);

  constructor(
    private readonly store: HistoryStore,
    private readonly log: Log,
    private readonly options: RecorderOptions,
  ) {}

  /** `text`: the report's JSON (a ServerInfo) as the fleet keeps it. */
  recordReport(serverId: string, text: string, at: number): void {
    if (this.full()) return;
    this.reports.add(serverId, text, at);
  }

  recordTransition(transition: Transition): void {
    if (this.full()) return;
    this.transitions.push(transition);
  }

  /**
   * After a restart, once other replicas had time to show which servers they
   * hold: a server whose last transition recorded before `startedAt` is
   * "online" went down with the dashboard (killed, not stopped), so that
   * interval is closed at the last time it was seen. Not when the server is
   * online now and nothing was recorded for it since the start: another
   * replica holds its agent, and the interval is still open. How many it closed.
   */
  async closeOpenIntervals(
    servers: readonly { serverId: string; lastSeen: number; online: boolean }[],
    startedAt: number,
  ): Promise<number> {
    let closed = 0;
    for (const { serverId, lastSeen, online } of servers) {
      const [latest] = await this.store.transitions(serverId, Number.MAX_SAFE_INTEGER, 1);
      const recordedSince = latest !== undefined && latest.at >= startedAt;
      if (online && !recordedSince) continue;
      const [before] = recordedSince ? await this.store.transitions(serverId, startedAt, 1) : [latest];
      if (!before?.online) continue;
      this.recordTransition({ serverId, online: false, at: Math.max(before.at, lastSeen), cause: 'dashboard-restart' });
      closed++;
    }
    return closed;
  }

  /** Writes everything pending; one write at a time, none while a retry delay runs. */
  async flush(): Promise<void> {
    const now = this.options.now();
    if (this.writing || now < this.retryAt || this.pending === 0) return;
    const reports = this.reports.take();
    const transitions = this.transitions;
    this.transitions = [];
    this.writing = true;
    try {
      await this.store.appendReports(reports, transitions);
      this.failures = 0;
    } catch (err) {
      this.failed(err as Error, reports, transitions);
    } finally {
      this.writing = false;
    }
  }

  async snapshot(): Promise<HistoryStatusSnapshot> {
    const now = this.options.now();
    if (!this.usage || now - this.usage.at > USAGE_FRESH_MS) {
      this.usage = { at: now, value: await this.store.usage().catch(() => null) };
    }
    return {
      engine: this.options.engine,
      usage: this.usage.value,
      writeErrors: this.writeErrors,
      dropped: this.dropped,
      pending: this.pending,
    };
  }

  private failed(err: Error, reports: ReportTexts, transitions: Transition[]): void {
    this.writeErrors++;
    this.failures++;
    this.retryAt = this.options.now() + Math.min(MAX_RETRY_DELAY_MS, 1000 * 2 ** (this.failures - 1));
    // Put back in front of what arrived meanwhile, then keep within the bound, oldest dropped first.
    this.reports.putBack(reports);
    this.transitions = transitions.concat(this.transitions);
    const excess = this.pending - this.options.maxPending;
    if (excess > 0) {
      this.reports.dropOldest(excess);
      this.dropped += excess;
    }
    const suppressed = this.failureLog.take('write');
    if (suppressed >= 0) {
      this.log.warn('history write failed; retrying', {
        error: err.message,
        pending: this.pending,
        writeErrors: this.writeErrors,
        dropped: this.dropped,
        suppressed,
      });
    }
  }

  private get pending(): number {
    return this.reports.length + this.transitions.length;
  }

  private full(): boolean {
    if (this.pending < this.options.maxPending) return false;
    this.dropped++;
    return true;
  }
}
