/**
 * `npm run bench`: loads the production dashboard and the bare relay baseline
 * with the same scenario, one after the other in the same run, and prints the
 * figures side by side. See README "Benchmarks" for flags and presets.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { ensureBuilt } from '../scripts/ensure-built';
import { printComparison, printKnee } from './print-results';
import { type RunOptions, type RunResult, runScenario } from './run-scenario';
import { PostgresCluster } from '../test/support/postgres-cluster';
import { HISTORY_MODES, type HistoryMode, KNEE_P99_MS, KNEE_STEPS, PRESETS, type Scenario, type TargetKind } from './scenario';
import { ROOT } from './targets';

/** Unmeasured intervals after connecting, so start-up garbage is collected before the window opens. */
const WARMUP_INTERVALS = 2;
/** PostgreSQL as it is run for real: every commit waits for the disk. */
const DURABLE_POSTGRES = { fsync: 'on', synchronous_commit: 'on', full_page_writes: 'on' };

interface Options extends RunOptions {
  scenarios: Scenario[];
  findKnee: boolean;
  kneeSteps: number[];
  targets: TargetKind[];
  /** Each dashboard run is repeated with each of these. */
  history: HistoryMode[];
  out: string;
}

function parseArgs(argv: string[]): Options {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].replace(/^--/, '').split('=');
    const boolean = ['find-knee', 'no-pin'].includes(name);
    flags.set(name, inline ?? (boolean ? 'true' : argv[++i]));
  }
  const num = (name: string, fallback: number) => {
    const v = flags.has(name) ? Number(flags.get(name)) : fallback;
    if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
    return v;
  };
  const durationMs = num('duration', 30) * 1000;
  const custom = ['agents', 'frontends', 'interval'].some((f) => flags.has(f));
  const presetNames = (flags.get('preset') ?? (custom || flags.has('find-knee') ? '' : 'seed,1k')).split(',').filter(Boolean);
  const scenarios: Scenario[] = presetNames.map((name) => {
    const preset = PRESETS[name];
    if (!preset) throw new Error(`unknown preset "${name}" (known: ${Object.keys(PRESETS).join(', ')})`);
    return { ...preset, durationMs, warmupMs: WARMUP_INTERVALS * preset.intervalMs };
  });
  if (custom) {
    const intervalMs = num('interval', 5) * 1000;
    scenarios.push({
      agents: num('agents', 100),
      frontends: num('frontends', 10),
      intervalMs,
      durationMs,
      warmupMs: WARMUP_INTERVALS * intervalMs,
    });
  }
  const targets = (flags.get('target') ?? 'dashboard,relay').split(',') as TargetKind[];
  if (targets.some((t) => t !== 'dashboard' && t !== 'relay')) throw new Error('--target takes dashboard, relay or both');
  const history = (flags.get('history') ?? 'sqlite').split(',') as HistoryMode[];
  if (history.some((h) => !HISTORY_MODES.includes(h))) throw new Error(`--history takes ${HISTORY_MODES.join(', ')} or several`);
  // Target on one core, generators on the other, as in the baseline figures.
  const pin = flags.has('no-pin') || cpus().length < 2 ? {} : { target: 0, generators: 1 };
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return {
    scenarios,
    findKnee: flags.has('find-knee'),
    kneeSteps: flags.has('steps') ? flags.get('steps')!.split(',').map(Number) : KNEE_STEPS,
    targets,
    history,
    pin,
    out: flags.get('out') ?? join(ROOT, 'bench-results', `bench-${stamp}.json`),
    nodeArgs: (flags.get('node-args') ?? '').split(' ').filter(Boolean),
  };
}

function isGood(r: RunResult): boolean {
  return r.p99Ms < KNEE_P99_MS && r.errors === 0 && r.unexpectedCloses === 0 && r.deliveredPercent >= 99.9;
}

/** One target of a scenario: the relay, or the dashboard with one history mode. */
interface TargetRun {
  target: TargetKind;
  history?: HistoryMode;
}

/** Every run a scenario gets: the dashboard once per history mode, the relay once. */
function runsOf(opts: Options): TargetRun[] {
  return opts.targets.flatMap<TargetRun>((target) =>
    target === 'dashboard' ? opts.history.map((history) => ({ target, history })) : [{ target }],
  );
}

function runName({ target, history }: TargetRun): string {
  return history ? `${target} (history ${history})` : target;
}

async function findKnee(run: TargetRun, base: Scenario, opts: Options): Promise<{ knee: number; runs: RunResult[] }> {
  const runs: RunResult[] = [];
  let knee = 0;
  for (const agents of opts.kneeSteps) {
    let r: RunResult;
    try {
      r = await runScenario(run.target, { ...base, agents }, opts, run.history);
    } catch (err) {
      // A load the target cannot even take all connections of is past the knee.
      console.log(`  ${runName(run)} ${agents} agents: failed: ${(err as Error).message}`);
      break;
    }
    runs.push(r);
    console.log(
      `  ${runName(run)} ${agents} agents: p99 ${r.p99Ms.toFixed(1)} ms, errors ${r.errors}, closes ${r.unexpectedCloses}, delivered ${r.deliveredPercent.toFixed(2)} %`,
    );
    if (!isGood(r)) break;
    knee = agents;
  }
  return { knee, runs };
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  ensureBuilt(['dashboard']);
  execSync('npx tsc -p bench/tsconfig.relay.json', { cwd: ROOT, stdio: 'inherit' });
  const output: Record<string, unknown> = { at: new Date().toISOString(), pin: opts.pin, scenarios: [] };
  const postgres = runsOf(opts).some((r) => r.history === 'postgres')
    ? await PostgresCluster.start({ settings: DURABLE_POSTGRES })
    : undefined;
  try {
    await runAll(opts, { ...opts, postgres }, output);
  } finally {
    await postgres?.stop();
  }
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, JSON.stringify(output, null, 2));
  console.log(`results written to ${opts.out}`);
}

async function runAll(opts: Options, runOptions: RunOptions, output: Record<string, unknown>): Promise<void> {
  for (const s of opts.scenarios) {
    console.log(
      `scenario: ${s.agents} agents, ${s.frontends} frontends, every ${s.intervalMs / 1000} s, ${s.durationMs / 1000} s measured`,
    );
    const results: RunResult[] = [];
    for (const run of runsOf(opts)) results.push(await runScenario(run.target, s, runOptions, run.history));
    printComparison(results);
    (output.scenarios as unknown[]).push({ scenario: s, results });
  }
  if (opts.findKnee) {
    const base = {
      ...PRESETS['10k'],
      durationMs: opts.scenarios[0]?.durationMs ?? 30_000,
      warmupMs: WARMUP_INTERVALS * PRESETS['10k'].intervalMs,
    };
    const knees: Record<string, { knee: number; runs: RunResult[] }> = {};
    for (const run of runsOf(opts)) {
      console.log(`finding the knee for ${runName(run)} (p99 < ${KNEE_P99_MS} ms, no errors):`);
      knees[runName(run)] = await findKnee(run, base, { ...opts, ...runOptions });
    }
    printKnee(knees);
    output.knee = knees;
  }
}

main().catch((err: unknown) => {
  console.error('bench failed:', err);
  process.exit(1);
});
