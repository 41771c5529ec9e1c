import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FRONTEND_PATH, REPORT_PATH } from '../libs/contracts/src/protocol';
import { Histogram } from './histogram';
import { ProcSampler, type ProcUsage } from './proc-sampler';
import { nowMs } from './report-frame';
import {
  AGENTS_PER_GENERATOR,
  type FromGenerator,
  type GeneratorResult,
  type HistoryMode,
  type Scenario,
  type TargetKind,
  type ToGenerator,
} from './scenario';
import type { PostgresCluster } from '../test/support/postgres-cluster';
import { forkGenerator, startTarget, type TargetStorage } from './targets';

export interface RunResult extends ProcUsage {
  target: TargetKind;
  /** The dashboard's history (the relay keeps none). */
  history?: HistoryMode;
  agents: number;
  frontends: number;
  intervalMs: number;
  durationMs: number;
  sentPerSec: number;
  acceptedPerSec: number;
  deliveredPercent: number;
  frontendMBps: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
  errors: number;
  unexpectedCloses: number;
}

export interface RunOptions {
  /** CPUs to pin the target and the generators to (taskset), when the machine has two. */
  pin: { target?: number; generators?: number };
  /** Extra node flags for the target, e.g. `--cpu-prof --cpu-prof-dir=bench-results/profiles`. */
  nodeArgs: string[];
  /** The cluster a dashboard with history on PostgreSQL gets a fresh database in. */
  postgres?: PostgresCluster;
}

/**
 * One measured run: a fresh target (a dashboard with `history` as given, in a new database), its generators, the
 * load, the figures; nothing left running.
 */
export async function runScenario(
  kind: TargetKind,
  s: Scenario,
  { pin, nodeArgs, postgres }: RunOptions,
  history: HistoryMode = 'off',
): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), `sss-bench-${kind}-`));
  const storage: TargetStorage = { history };
  if (history === 'postgres') {
    if (!postgres) throw new Error('history on PostgreSQL needs a cluster');
    storage.url = await postgres.createDatabase();
  }
  const target = await startTarget(kind, s.agents, dir, pin.target, nodeArgs, storage);
  const generators: ChildProcess[] = [];
  try {
    const url = (path: string) => `ws://127.0.0.1:${target.port}${path}`;
    const launch = async (msg: Extract<ToGenerator, { type: 'start' }>) => {
      const gen = forkGenerator(pin.generators);
      generators.push(gen);
      const ready = nextMessage(gen);
      gen.send(msg);
      const r = await ready;
      if (r.type === 'ready' && r.connected < msg.count) {
        throw new Error(`${kind}: only ${r.connected} of ${msg.count} ${msg.role} connected (${r.errors} errors)`);
      }
    };
    await launch({
      type: 'start',
      role: 'frontends',
      url: url(FRONTEND_PATH),
      count: s.frontends,
      firstIndex: 0,
      totalAgents: s.agents,
      localAddress: '127.0.0.1',
      intervalMs: s.intervalMs,
    });
    for (let first = 0, g = 0; first < s.agents; first += AGENTS_PER_GENERATOR, g++) {
      const count = Math.min(AGENTS_PER_GENERATOR, s.agents - first);
      // Each generator its own source address, so ephemeral ports never run short.
      await launch({
        type: 'start',
        role: 'agents',
        url: url(REPORT_PATH),
        count,
        firstIndex: first,
        totalAgents: s.agents,
        localAddress: `127.0.0.${2 + g}`,
        intervalMs: s.intervalMs,
      });
    }

    const measureFrom = nowMs() + s.warmupMs;
    const measureUntil = measureFrom + s.durationMs;
    generators.forEach((g) => g.send({ type: 'go', measureFrom, measureUntil } satisfies ToGenerator));
    const sampler = new ProcSampler(target.proc.pid!);
    await sleep(s.warmupMs);
    sampler.start();
    await sleep(s.durationMs);
    const usage = sampler.stop();
    await sleep(Math.min(2_000, s.intervalMs)); // let the last reports of the window arrive

    const results = await Promise.all(
      generators.map((g) => {
        const r = nextMessage(g);
        g.send({ type: 'stop' } satisfies ToGenerator);
        return r as Promise<GeneratorResult>;
      }),
    );
    return { ...summarise(kind, s, results, usage), ...(kind === 'dashboard' ? { history } : {}) };
  } finally {
    generators.forEach((g) => g.exitCode === null && g.kill());
    await target.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function summarise(kind: TargetKind, s: Scenario, results: GeneratorResult[], usage: ProcUsage): RunResult {
  const seconds = s.durationMs / 1000;
  const sum = (role: string, key: 'sent' | 'received' | 'receivedBytes' | 'errors' | 'unexpectedCloses') =>
    results.filter((r) => role === '*' || r.role === role).reduce((a, r) => a + r[key], 0);
  const latency = new Histogram();
  results.forEach((r) => latency.merge(r.latency));
  const sent = sum('agents', 'sent');
  const received = sum('frontends', 'received');
  return {
    target: kind,
    agents: s.agents,
    frontends: s.frontends,
    intervalMs: s.intervalMs,
    durationMs: s.durationMs,
    sentPerSec: sent / seconds,
    acceptedPerSec: received / s.frontends / seconds,
    deliveredPercent: sent === 0 ? 0 : (received / (sent * s.frontends)) * 100,
    frontendMBps: sum('frontends', 'receivedBytes') / seconds / 1e6,
    p50Ms: latency.percentile(0.5),
    p99Ms: latency.percentile(0.99),
    p999Ms: latency.percentile(0.999),
    maxMs: latency.max,
    ...usage,
    errors: sum('*', 'errors'),
    unexpectedCloses: sum('*', 'unexpectedCloses'),
  };
}

function nextMessage(gen: ChildProcess): Promise<FromGenerator> {
  return new Promise((res, rej) => {
    const onExit = (code: number | null) => rej(new Error(`load generator exited with ${code}`));
    gen.once('exit', onExit);
    gen.once('message', (m: FromGenerator) => {
      gen.off('exit', onExit);
      res(m);
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
