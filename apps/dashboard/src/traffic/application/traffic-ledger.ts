import { MAX_TRAFFIC_PERIODS, type ServerInfo } from '@sss/contracts';
import type { ServerCatalog } from '../../catalog';
import { periodAt, type Period } from '../domain/billing-cycle';
import { dayOf, type TrafficDay } from '../domain/traffic-day';
import { trafficBetween, type Bytes, type CounterReading } from '../domain/traffic-meter';
import { DEFAULT_TRAFFIC_PLAN } from '../domain/traffic-plan';
import type { ServerTrafficDay, StoredCounters, TrafficStore } from './ports/traffic-store.port';

const DAY_MS = 86_400_000;
/** Days kept: the longest periods the API may be asked for, plus the current one. */
const KEEP_DAYS = (MAX_TRAFFIC_PERIODS + 1) * 31;
/** Servers per write. */
const SAVE_SLICE = 500;

/** One server's running account. */
interface ServerAccount {
  counters?: CounterReading;
  /** Its first reading, when that came before `restore`: what it moved since the stored counters is counted then. */
  firstReading?: CounterReading;
  /** The billing period of its last report and its bytes so far. */
  period: Period;
  periodBytes: Bytes;
  /** The UTC day of its last report and that day's bytes so far. */
  day: number;
  dayBytes: Bytes;
}

interface SaveBatch {
  ids: string[];
  counters: StoredCounters[];
  days: ServerTrafficDay[];
}

/** A period's bytes so far. */
export interface PeriodBytes extends Bytes {
  period: Period;
}

/**
 * Counts each server's traffic from its reports' network counters, off the
 * live path: `record` is arithmetic on a map; `save` (a timer's, and once at
 * shutdown) writes the servers that changed: their counters and their day's
 * total so far, so a write repeated after a failure counts nothing twice.
 * At start `restore` brings back the counters, so traffic moved while the
 * dashboard was down is counted with the first report after it.
 */
export class TrafficLedger {
  private readonly accounts = new Map<string, ServerAccount>();
  private dirty = new Set<string>();
  /** Days that ended with traffic not yet written. */
  private closedDays: ServerTrafficDay[] = [];
  private isRestored = false;

  constructor(
    private readonly store: TrafficStore,
    private readonly catalog: ServerCatalog,
  ) {}

  /**
   * Loads the stored counters and every configured server's current period
   * and day. Until it succeeds nothing is saved (a day's total written from a
   * fresh count would replace the stored one); what was counted meanwhile is
   * added to what it loads, and so is what a server moved between its stored
   * counters and its first report since.
   */
  async restore(now: number): Promise<number> {
    const counters = await this.store.loadCounters();
    const today = await this.store.daysFrom(dayOf(now));
    const starts = new Set(this.catalog.list().map((s) => this.periodOf(s.id, now).start));
    const totals = await Promise.all([...starts].map(async (start) => ({ start, rows: await this.store.totalsFrom(start) })));
    for (const { serverId, ...stored } of counters) {
      const account = this.account(serverId, now);
      if (account.firstReading) {
        const moved = trafficBetween(stored, account.firstReading);
        add(account.periodBytes, moved);
        add(account.dayBytes, moved);
      }
      account.counters ??= stored;
    }
    for (const { start, rows } of totals) {
      for (const { serverId, sent, recv } of rows) {
        const account = this.account(serverId, now);
        if (account.period.start === start) add(account.periodBytes, { sent, recv });
      }
    }
    for (const { serverId, day, sent, recv } of today) {
      const account = this.account(serverId, now);
      if (account.day === day) add(account.dayBytes, { sent, recv });
    }
    this.isRestored = true;
    return counters.length;
  }

  /** False until `restore` succeeded: until then nothing is saved. */
  get restored(): boolean {
    return this.isRestored;
  }

  /** Counts one accepted report, received at `at` (the dashboard's clock decides the day and the period). */
  record(serverId: string, info: ServerInfo, at: number): void {
    const account = this.account(serverId, at);
    const reading: CounterReading = { sent: info.network.bytesSent, recv: info.network.bytesRecv, bootTime: info.system.bootTime };
    const moved = trafficBetween(account.counters, reading);
    if (!this.isRestored && !account.counters) account.firstReading = reading;
    account.counters = reading;
    add(account.periodBytes, moved);
    add(account.dayBytes, moved);
    this.dirty.add(serverId);
  }

  /** The current period of a server at `now` and its bytes so far. */
  current(serverId: string, now: number): PeriodBytes {
    const account = this.accounts.get(serverId);
    const period = this.periodOf(serverId, now);
    return account && account.period.start === period.start ? { period, ...account.periodBytes } : { period, sent: 0, recv: 0 };
  }

  /** The server's days whose totals here may be ahead of the stored ones (none before `restore`: until then its totals are partial). */
  unsavedDays(serverId: string): TrafficDay[] {
    if (!this.isRestored) return [];
    const account = this.accounts.get(serverId);
    const days = this.closedDays.filter((d) => d.serverId === serverId).map(({ day, sent, recv }) => ({ day, sent, recv }));
    return account ? [...days, { day: account.day, ...account.dayBytes }] : days;
  }

  /**
   * Writes the servers that changed since the last save, a slice at a time so
   * a large fleet's save never holds up the live path. What fails stays due.
   */
  async save(): Promise<void> {
    if (!this.isRestored) return;
    const ids = [...this.dirty];
    const batches: SaveBatch[] = [];
    for (let i = 0; i < ids.length; i += SAVE_SLICE) batches.push(this.batch(ids.slice(i, i + SAVE_SLICE)));
    if (this.closedDays.length) (batches[0] ??= { ids: [], counters: [], days: [] }).days.unshift(...this.closedDays);
    this.dirty = new Set();
    this.closedDays = [];
    for (let i = 0; i < batches.length; i++) {
      try {
        await this.store.save(batches[i].counters, batches[i].days);
      } catch (err) {
        for (const batch of batches.slice(i)) this.requeue(batch);
        throw err;
      }
    }
  }

  /** Deletes the days older than any period the API may be asked for; how many rows went. */
  expire(now: number): Promise<number> {
    return this.store.expire(dayOf(now) - KEEP_DAYS * DAY_MS);
  }

  /** The rows of these servers as they stand now. */
  private batch(ids: string[]): SaveBatch {
    const counters: StoredCounters[] = [];
    const days: ServerTrafficDay[] = [];
    for (const serverId of ids) {
      const { counters: reading, day, dayBytes } = this.accounts.get(serverId)!;
      if (reading) counters.push({ serverId, ...reading });
      days.push({ serverId, day, ...dayBytes });
    }
    return { ids, counters, days };
  }

  /**
   * A batch that was not written: its servers are due again, and a day that
   * ended meanwhile waits in closedDays (unless it closed again since, with a newer total).
   */
  private requeue({ ids, days }: SaveBatch): void {
    for (const id of ids) this.dirty.add(id);
    for (const row of days) {
      const ended = this.accounts.get(row.serverId)!.day !== row.day;
      const waiting = this.closedDays.some((d) => d.serverId === row.serverId && d.day === row.day);
      if (ended && !waiting) this.closedDays.push(row);
    }
  }

  /** The account of a server, moved on to the day and period of `at` (a finished day with unsaved traffic waits in closedDays). */
  private account(serverId: string, at: number): ServerAccount {
    const day = dayOf(at);
    let account = this.accounts.get(serverId);
    if (!account) {
      account = { period: this.periodOf(serverId, at), periodBytes: { sent: 0, recv: 0 }, day, dayBytes: { sent: 0, recv: 0 } };
      this.accounts.set(serverId, account);
      return account;
    }
    if (day > account.day) {
      if (this.dirty.has(serverId)) this.closedDays.push({ serverId, day: account.day, ...account.dayBytes });
      account.day = day;
      account.dayBytes = { sent: 0, recv: 0 };
    }
    if (at >= account.period.end) {
      account.period = this.periodOf(serverId, at);
      account.periodBytes = { sent: 0, recv: 0 };
    }
    return account;
  }

  private periodOf(serverId: string, at: number): Period {
    return periodAt(at, (this.catalog.get(serverId)?.traffic ?? DEFAULT_TRAFFIC_PLAN).resetDay);
  }
}

function add(to: Bytes, bytes: Bytes): void {
  to.sent += bytes.sent;
  to.recv += bytes.recv;
}
