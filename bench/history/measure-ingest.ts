import { monitorEventLoopDelay } from 'node:perf_hooks';
import { tierSpec } from '../../apps/dashboard/src/history/domain/tiers';
import { CpuMeter, type CpuShare } from './cpu-meter';
import type { HistoryEngine } from './history-engine';
import { HistoryJobs } from './history-jobs';
import { type SyntheticServer, syntheticFleet } from './synthetic-fleet';

const TICK_MS = 100;
const FLUSH_MS = 1_000; // the recorder's flush timer in the dashboard
const MAINTENANCE_MS = 5_000;
const WARMUP_MS = 3_000;
/** Past a window's end by more than the raw lag (1 minute), so that the maintenance takes it. */
const MAINTENANCE_LAG_MS = 2 * 60_000;
/**
 * What the staging table holds when ingest is measured: windows are packed a minute after they end, so in steady
 * state it holds 1 to 11 minutes of every server's reports, and what a write costs depends on what is there.
 */
const STAGED_MS = 10 * 60_000;

export interface IngestFigures {
  servers: number;
  intervalMs: number;
  reportsPerSecond: number;
  /** While reports arrive, on top of 10 minutes staged: flushes each second, maintenance every 5 s (packing is measureDeferred's). */
  live: CpuShare;
  /** How long the event loop was held up (the live path waits that long), ms. */
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
}

/**
 * Sustained ingest as the dashboard does it: `servers` servers reporting every `intervalMs`, spread evenly, into
 * the recorder in real time for `seconds`, flushed every second, maintenance every 5 s, on top of the last 10
 * minutes of their reports already staged. Reports are made before the window opens, so making them costs nothing
 * measured. The maintenance's clock runs 10 minutes behind, so it leaves the staged window to measureDeferred.
 */
export async function measureIngest(engine: HistoryEngine, servers: number, intervalMs: number, seconds: number): Promise<IngestFigures> {
  const jobs = new HistoryJobs(engine);
  jobs.now = () => Date.now() - STAGED_MS;
  await jobs.catchUp(); // a new database: the roll-up marks move to now first
  const fleet = syntheticFleet(servers);
  await stage(engine, fleet, intervalMs, Date.now() - STAGED_MS, Date.now());
  const ticksPerInterval = intervalMs / TICK_MS;
  const ticks = Math.ceil((WARMUP_MS + seconds * 1000) / TICK_MS) + 1;
  const due: { id: string; text: string }[][] = [];
  for (let tick = 0; tick < ticks; tick++) {
    const slot = tick % ticksPerInterval;
    const batch = fleet.filter((_, i) => i % ticksPerInterval === slot);
    // As the fleet hands them over: each report's JSON text, made before the window opens.
    due.push(batch.map((s) => ({ id: s.id, text: JSON.stringify(s.report(Date.now() + tick * TICK_MS, intervalMs)) })));
  }

  const meter = new CpuMeter(engine);
  const delay = monitorEventLoopDelay({ resolution: 5 });
  let recorded = 0;
  let nextTick = 0;
  let first: ReturnType<CpuMeter['read']> | undefined;
  let firstRecorded = 0;
  const began = performance.now();
  const errors: unknown[] = [];
  const run = (job: () => Promise<void>) => job().catch((err: unknown) => errors.push(err));
  const timers = [
    setInterval(() => {
      // Every tick due by now, also those a busy event loop made late.
      for (const now = Math.floor((performance.now() - began) / TICK_MS); nextTick <= now && nextTick < ticks; nextTick++) {
        for (const { id, text } of due[nextTick]) {
          jobs.recorder.recordReport(id, text, Date.now());
          recorded++;
        }
      }
      if (!first && performance.now() - began >= WARMUP_MS) {
        first = meter.read();
        firstRecorded = recorded;
        delay.enable();
      }
    }, TICK_MS),
    setInterval(() => void run(() => jobs.recorder.flush()), FLUSH_MS),
    setInterval(() => void run(() => jobs.maintenance.run()), MAINTENANCE_MS),
  ];
  await sleep(WARMUP_MS + seconds * 1000);
  timers.forEach(clearInterval);
  delay.disable();
  await jobs.recorder.flush();
  const last = meter.read();
  if (errors.length > 0) throw errors[0];
  const live = CpuMeter.share(first!, last);

  return {
    servers,
    intervalMs,
    reportsPerSecond: (recorded - firstRecorded) / live.seconds,
    live,
    eventLoopDelayP99Ms: delay.percentile(99) / 1e6,
    eventLoopDelayMaxMs: delay.max / 1e6,
  };
}

/** Writes every server's reports of [from, to) straight to the store, a second at a time, untimed. */
async function stage(engine: HistoryEngine, fleet: SyntheticServer[], intervalMs: number, from: number, to: number): Promise<void> {
  const texts = fleet.map((s) => JSON.stringify(s.report(from, intervalMs))); // one text per server: the readings do not matter here
  const perSecond = (fleet.length * 1000) / intervalMs;
  for (let second = 0; from + second * 1000 < to; second++) {
    const at = from + second * 1000;
    const due = Array.from({ length: perSecond }, (_, i) => (second * perSecond + i) % fleet.length);
    await engine.store.appendReports(
      { serverIds: due.map((i) => fleet[i].id), texts: due.map((i) => texts[i]), at: due.map(() => at) },
      [],
    );
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Simulated seconds of reports the recorder holds between flushes while a window is written untimed. */
const RECORD_FLUSH_MS = 10_000;

/**
 * Packing, the work ingest leaves for later that costs by the report: `servers` servers' reports of one 10-minute
 * window, written untimed with simulated times as the fleet sends them (a share of the servers each second, so a
 * staging row holds what it holds in the dashboard); then the maintenance on a clock past the window, measured. The
 * window opens a 2-hour roll-up window, so nothing is rolled up. Its CPU per report at `rate` reports a second.
 */
export async function measurePacking(engine: HistoryEngine, servers: number, intervalMs: number, rate: number): Promise<CpuShare> {
  const { jobs, from } = await jobsAtRollUpWindow(engine);
  const to = from + tierSpec('raw').window;
  const reports = await recordWindow(jobs, syntheticFleet(servers), intervalMs, from, to);
  return measureCatchUp(engine, jobs, to + MAINTENANCE_LAG_MS, reports / rate);
}

/**
 * Rolling up, which costs by the server and window: `servers` servers' reports of one 2-hour window, written and
 * packed untimed; then the maintenance on a clock past the window rolls them up to 1 minute, measured. Its CPU per
 * report at `rate`. The 15-minute and 1-hour roll-ups, once per server per day or week, are left out.
 */
export async function measureRollUp(engine: HistoryEngine, servers: number, intervalMs: number, rate: number): Promise<CpuShare> {
  const { jobs, from } = await jobsAtRollUpWindow(engine);
  const to = from + tierSpec('1m').window;
  const reports = await recordWindow(jobs, syntheticFleet(servers), intervalMs, from, to);
  while ((await engine.store.compact(to, 1_000)) >= 1_000); // measurePacking's part
  return measureCatchUp(engine, jobs, to + MAINTENANCE_LAG_MS, reports / rate);
}

/** The jobs on a new database, their clock at the start of the current 2-hour roll-up window, the roll-up marks moved there. */
async function jobsAtRollUpWindow(engine: HistoryEngine): Promise<{ jobs: HistoryJobs; from: number }> {
  const from = Math.floor(Date.now() / tierSpec('1m').window) * tierSpec('1m').window;
  const jobs = new HistoryJobs(engine);
  jobs.now = () => from;
  await jobs.catchUp();
  return { jobs, from };
}

/** The CPU of the maintenance catching up with the clock at `at`, over `wallSeconds`. */
async function measureCatchUp(engine: HistoryEngine, jobs: HistoryJobs, at: number, wallSeconds: number): Promise<CpuShare> {
  const meter = new CpuMeter(engine);
  jobs.now = () => at;
  const before = meter.read();
  await jobs.catchUp();
  return CpuMeter.share(before, meter.read(), wallSeconds);
}

/** Records the fleet's reports of [from, to) with simulated times, server i at the seconds i mod the interval; how many. */
async function recordWindow(jobs: HistoryJobs, fleet: SyntheticServer[], intervalMs: number, from: number, to: number): Promise<number> {
  const secondsPerInterval = intervalMs / 1000;
  let reports = 0;
  for (let at = from; at < to; at += 1000) {
    for (let i = ((at - from) / 1000) % secondsPerInterval; i < fleet.length; i += secondsPerInterval) {
      jobs.recorder.recordReport(fleet[i].id, JSON.stringify(fleet[i].report(at, intervalMs)), at);
      reports++;
    }
    if ((at - from) % RECORD_FLUSH_MS === 0) await jobs.recorder.flush();
  }
  await jobs.recorder.flush();
  return reports;
}
