import { chunkTable } from '../../apps/dashboard/src/history/adapters/outbound/kysely/chunk-space';
import type { ChunkTable } from '../../apps/dashboard/src/platform/storage/database';
import type { HistoryTier } from '@sss/contracts';
import type { Transition } from '../../apps/dashboard/src/history/domain/transition';
import { DEFAULT_RETENTION } from '../../apps/dashboard/src/history/domain/tiers';
import type { HistoryEngine } from './history-engine';
import { HistoryJobs } from './history-jobs';
import { syntheticFleet } from './synthetic-fleet';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const REPORT_INTERVAL_MS = 5_000;

export interface SimulatedHistory {
  servers: number;
  days: number;
  /** Reports written through the recorder, and how fast (simulated reports per wall second). */
  reports: number;
  reportsPerSecond: number;
  transitions: number;
  /** The database after the last maintenance run, and when empty. */
  databaseBytes: number;
  emptyBytes: number;
  tiers: TierFigures[];
}

export interface TierFigures {
  tier: HistoryTier;
  samples: number;
  /** Rows holding them: chunks (and, for raw, staged reports not packed yet). */
  rows: number;
  /** The packed samples alone. */
  payloadBytes: number;
  /** Payload plus the tier's share of the rest of the database (row headers, indexes, free space), by rows. */
  databaseBytes: number;
}

/**
 * Fills `engine` with `days` of history for `servers` servers ending at `end`, through the recorder and the
 * maintenance jobs as the dashboard runs them, on a simulated clock that moves a week, a day or an hour at a time. Reports are
 * written only as densely as the finest tier that keeps each period needs, which leaves the database as it
 * would be after reports every 5 s, in a fraction of the writes: every 5 s for the raw tier's last 48 h, every
 * minute back to the 1-minute tier's 30 days, every 15 minutes before that. Each server goes offline now and
 * then (about one outage of 1-30 minutes every two days), and reports nothing while it is. PostgreSQL is vacuumed
 * after each simulated day, as its autovacuum would have done in that time.
 */
export async function simulateHistory(engine: HistoryEngine, servers: number, days: number, end: number): Promise<SimulatedHistory> {
  const jobs = new HistoryJobs(engine);
  const fleet = syntheticFleet(servers);
  const start = end - days * DAY;
  const outages = fleet.map((_, i) => outagesOf(i, start, end));
  const intervalAt = (at: number): number =>
    end - at <= DEFAULT_RETENTION.raw ? REPORT_INTERVAL_MS : end - at <= DEFAULT_RETENTION['1m'] ? MINUTE : 15 * MINUTE;

  const began = performance.now();
  let reports = 0;
  let transitions = 0;
  // A week at a time while reports are sparse; a day while they come every minute; an hour while every 5 s, so
  // no more is staged at once than an hour's (the maintenance's own pace, a run per step, keeps up with a day).
  for (let day = start, dayEnd = start; day < end; day = dayEnd) {
    const step = { [REPORT_INTERVAL_MS]: HOUR, [MINUTE]: DAY }[intervalAt(day)] ?? 7 * DAY;
    dayEnd = Math.min(end, day + step);
    fleet.forEach((server, i) => {
      for (let at = day; at < dayEnd; at += intervalAt(at)) {
        if (outages[i].some((o) => at >= o.from && at < o.to)) continue;
        jobs.recorder.recordReport(server.id, JSON.stringify(server.report(at, intervalAt(at))), at);
        reports++;
      }
      for (const o of outages[i]) {
        const recorded: Transition[] = [
          { serverId: server.id, at: o.from, online: false, cause: 'silence' },
          { serverId: server.id, at: o.to, online: true, cause: 'report' },
        ];
        for (const t of recorded.filter((t) => t.at >= day && t.at < dayEnd)) {
          jobs.recorder.recordTransition(t);
          transitions++;
        }
      }
    });
    jobs.now = () => dayEnd;
    await jobs.recorder.flush();
    if (step > DAY) await jobs.catchUp();
    else await jobs.maintenance.run();
    await engine.vacuum();
  }
  await jobs.catchUp();
  await engine.vacuum();
  const seconds = (performance.now() - began) / 1000;

  const databaseBytes = await engine.store.size();
  return {
    servers,
    days,
    reports,
    reportsPerSecond: reports / seconds,
    transitions,
    databaseBytes,
    emptyBytes: engine.emptyBytes,
    tiers: await tierFigures(engine, databaseBytes),
  };
}

/** Each tier's samples, rows and bytes; what is not payload is shared out by rows (the schema's size excepted). */
async function tierFigures(engine: HistoryEngine, databaseBytes: number): Promise<TierFigures[]> {
  const usage = await engine.store.usage();
  const count = async (table: 'history_staging' | ChunkTable) =>
    Number(
      (
        await engine.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('rows'))
          .executeTakeFirstOrThrow()
      ).rows,
    );
  const rows: number[] = [];
  for (const t of usage.tiers) rows.push((await count(chunkTable(t.tier))) + (t.tier === 'raw' ? await count('history_staging') : 0));
  const tiers = usage.tiers.map((t, index) => ({ ...t, rows: rows[index] }));
  const totalRows = tiers.reduce((sum, t) => sum + t.rows, 0);
  const overhead = databaseBytes - engine.emptyBytes - tiers.reduce((sum, t) => sum + t.bytes, 0);
  return tiers.map((t) => ({
    tier: t.tier,
    samples: t.samples,
    rows: t.rows,
    payloadBytes: t.bytes,
    databaseBytes: t.bytes + (totalRows > 0 ? (overhead * t.rows) / totalRows : 0),
  }));
}

/** A server's outages over [start, end): seeded, so every run and engine gets the same. */
function outagesOf(index: number, start: number, end: number): { from: number; to: number }[] {
  let seed = index * 7919 + 1;
  const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const outages: { from: number; to: number }[] = [];
  for (let at = start + next() * 2 * DAY; at < end; at += (0.5 + next() * 3) * DAY) {
    const from = Math.round(at / 1000) * 1000;
    outages.push({ from, to: Math.min(end - 1000, from + Math.round(1 + next() * 29) * MINUTE) });
  }
  return outages.filter((o) => o.to > o.from);
}
