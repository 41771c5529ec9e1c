/**
 * `npm run bench:history`: the history store on SQLite and PostgreSQL, in this process as the dashboard runs it:
 * sustained ingest and its CPU, bytes per stored report per tier, the database size after a simulated year and
 * 30 days, and query latency. See README "Benchmarks".
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { StorageEngine } from '../../apps/dashboard/src/platform/storage/database';
import { ensureBuilt } from '../../scripts/ensure-built';
import { PostgresCluster } from '../../test/support/postgres-cluster';
import { printTable } from '../print-results';
import { ROOT } from '../targets';
import { openEngine } from './history-engine';
import { type CpuShare, totalPercent } from './cpu-meter';
import { type IngestFigures, measureIngest, measurePacking, measureRollUp } from './measure-ingest';
import { measureQueries, type QueryFigures } from './measure-queries';
import { simulateHistory, type SimulatedHistory } from './simulate-history';

/** PostgreSQL as it is run for real: every commit waits for the disk. */
const DURABLE = { fsync: 'on', synchronous_commit: 'on', full_page_writes: 'on' };
/** The simulated history ends here, so every run reads the same calendar. */
const END = Date.UTC(2026, 0, 1);
/** The server the queries read: one with two disks. */
const QUERIED = 's1';

const TARGETS = { ingestCpuPercent: 10, bytesPerReport: 64, query30dMs: 50, query1yMs: 100 };

interface Plan {
  /** `rollUpServers`: how many servers' 2-hour window the roll-up cost is measured on (packing: all `servers`'s 10 minutes). */
  ingest: { servers: number; intervalMs: number; seconds: number; rollUpServers: number };
  /** Simulated with `servers` servers, sized for `sizeFor`: each server's data is its own, so size grows by server. */
  year: { servers: number; days: number; sizeFor: number };
  month: { servers: number; days: number; sizeFor: number };
  queryRuns: number;
}

const PLANS: Record<'full' | 'quick', Plan> = {
  full: {
    ingest: { servers: 10_000, intervalMs: 5_000, seconds: 20, rollUpServers: 100 },
    year: { servers: 2, days: 365, sizeFor: 100 },
    month: { servers: 2, days: 30, sizeFor: 10_000 },
    queryRuns: 50,
  },
  quick: {
    ingest: { servers: 1_000, intervalMs: 5_000, seconds: 3, rollUpServers: 5 },
    year: { servers: 2, days: 3, sizeFor: 100 },
    month: { servers: 2, days: 2, sizeFor: 10_000 },
    queryRuns: 5,
  },
};

interface EngineResult {
  engine: StorageEngine;
  ingest: IngestFigures;
  /** Packing and rolling up, the work ingest leaves for later, as % of one core at the ingest's rate. */
  packing: CpuShare;
  rollUp: CpuShare;
  /** live + packing + roll-ups, % of one core. */
  ingestTotalPercent: number;
  year: SimulatedHistory;
  month: SimulatedHistory;
  queries: QueryFigures[];
}

function parseArgs(argv: string[]): { quick: boolean; engines: StorageEngine[]; out: string } {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].replace(/^--/, '').split('=');
    flags.set(name, inline ?? (name === 'quick' ? 'true' : argv[++i]));
  }
  const unknown = [...flags.keys()].filter((f) => !['quick', 'engine', 'out'].includes(f));
  if (unknown.length > 0) throw new Error(`unknown flag --${unknown[0]} (known: --quick, --engine, --out)`);
  const engines = (flags.get('engine') ?? 'sqlite,postgres').split(',') as StorageEngine[];
  if (engines.some((e) => e !== 'sqlite' && e !== 'postgres')) throw new Error('--engine takes sqlite, postgres or both');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return { quick: flags.has('quick'), engines, out: flags.get('out') ?? join(ROOT, 'bench-results', `history-${stamp}.json`) };
}

async function runEngine(engine: StorageEngine, plan: Plan, cluster: PostgresCluster | undefined): Promise<EngineResult> {
  const withEngine = async <T>(use: (e: Awaited<ReturnType<typeof openEngine>>) => Promise<T>): Promise<T> => {
    const opened = await openEngine(engine, cluster);
    try {
      return await use(opened);
    } finally {
      await opened.close();
    }
  };
  const { ingest: i, year: y, month: m } = plan;
  const began = performance.now();
  const log = (line: string) => console.log(`[${((performance.now() - began) / 1000).toFixed(0).padStart(3)} s] ${engine}: ${line}`);
  log(`ingest, ${i.servers} servers every ${i.intervalMs / 1000} s for ${i.seconds} s ...`);
  const ingest = await withEngine((e) => measureIngest(e, i.servers, i.intervalMs, i.seconds));
  const rate = (i.servers * 1000) / i.intervalMs;
  log(`packing 10 minutes of ${i.servers} servers ...`);
  const packing = await withEngine((e) => measurePacking(e, i.servers, i.intervalMs, rate));
  log(`rolling up 2 hours of ${i.rollUpServers} servers ...`);
  const rollUp = await withEngine((e) => measureRollUp(e, i.rollUpServers, i.intervalMs, rate));
  log(`${y.days} simulated days of ${y.servers} servers, then queries ...`);
  const [year, queries] = await withEngine(
    async (e) => [await simulateHistory(e, y.servers, y.days, END), await measureQueries(e, QUERIED, END, plan.queryRuns)] as const,
  );
  log(`${m.days} simulated days of ${m.servers} servers ...`);
  const month = await withEngine((e) => simulateHistory(e, m.servers, m.days, END));
  log('done');
  const ingestTotalPercent = totalPercent(ingest.live) + totalPercent(packing) + totalPercent(rollUp);
  return { engine, ingest, packing, rollUp, ingestTotalPercent, year, month, queries };
}

function print(results: EngineResult[], plan: Plan): void {
  const pct = (v: number) => v.toFixed(1);
  const { ingest } = plan;
  console.log(
    `\ningest: ${ingest.servers} servers every ${ingest.intervalMs / 1000} s, ${ingest.seconds} s measured ` +
      `(target: ${ingest.servers / (ingest.intervalMs / 1000)} reports/s under ${TARGETS.ingestCpuPercent} % of one core); CPU in % of one core`,
  );
  printTable(
    ['engine', 'reports/s', 'main', 'store thread', 'threads', 'db server', 'packing', 'roll-ups', 'total', 'loop p99 ms', 'loop max ms'],
    results.map(({ engine, ingest: r, packing, rollUp, ingestTotalPercent }) => [
      engine,
      r.reportsPerSecond.toFixed(0),
      pct(r.live.mainPercent),
      pct(r.live.storePercent),
      pct(r.live.threadsPercent),
      pct(r.live.serverPercent),
      pct(totalPercent(packing)),
      pct(totalPercent(rollUp)),
      pct(ingestTotalPercent),
      r.eventLoopDelayP99Ms.toFixed(1),
      r.eventLoopDelayMaxMs.toFixed(1),
    ]),
  );

  console.log(`\nbytes per stored report after ${plan.year.days} simulated days (target: under ${TARGETS.bytesPerReport})`);
  printTable(
    ['engine', 'tier', 'reports', 'rows', 'packed B/report', 'database B/report'],
    results.flatMap(({ engine, year }) =>
      year.tiers.map((t) => [
        engine,
        t.tier,
        String(t.samples),
        String(t.rows),
        t.samples ? (t.payloadBytes / t.samples).toFixed(1) : '-',
        t.samples ? (t.databaseBytes / t.samples).toFixed(1) : '-',
      ]),
    ),
  );

  console.log('\ndatabase size (measured for a few servers, then by server: each server adds its own data; empty database once)');
  const mb = (bytes: number) => (bytes / 1024 ** 2).toFixed(1);
  printTable(
    ['engine', 'simulated', 'for', 'size MB', 'measured', 'MB', 'empty MB', 'reports written/s'],
    results.flatMap(({ engine, year, month }) =>
      [
        [year, plan.year.sizeFor],
        [month, plan.month.sizeFor],
      ].map(([sim, sizeFor]) => {
        const s = sim as SimulatedHistory;
        const scaled = s.emptyBytes + ((s.databaseBytes - s.emptyBytes) * (sizeFor as number)) / s.servers;
        return [
          engine,
          `${s.days} days`,
          `${sizeFor as number} servers`,
          mb(scaled),
          `${s.servers} servers`,
          mb(s.databaseBytes),
          mb(s.emptyBytes),
          s.reportsPerSecond.toFixed(0),
        ];
      }),
    ),
  );

  console.log(
    `\nquery latency, one server of the ${plan.year.days}-day history (targets on SQLite: 30 d under ${TARGETS.query30dMs} ms, 1 y under ${TARGETS.query1yMs} ms)`,
  );
  printTable(
    ['engine', 'query', 'tier', 'rows', 'p50 ms', 'p99 ms'],
    results.flatMap(({ engine, queries }) =>
      queries.map((q) => [engine, q.query, q.tier ?? '-', String(q.rows), q.p50Ms.toFixed(2), q.p99Ms.toFixed(2)]),
    ),
  );
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const plan = PLANS[opts.quick ? 'quick' : 'full'];
  ensureBuilt(['dashboard']); // SQLite's worker thread is a bundle of the build
  const cluster = opts.engines.includes('postgres') ? await PostgresCluster.start({ settings: DURABLE }) : undefined;
  const results: EngineResult[] = [];
  try {
    for (const engine of opts.engines) results.push(await runEngine(engine, plan, cluster));
  } finally {
    await cluster?.stop();
  }
  print(results, plan);
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, JSON.stringify({ at: new Date().toISOString(), plan, targets: TARGETS, results }, null, 2));
  console.log(`results written to ${opts.out}`);
}

main().catch((err: unknown) => {
  console.error('bench:history failed:', err);
  process.exit(1);
});
