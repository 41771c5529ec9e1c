import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunResult } from '../../bench/run-scenario';
import { ChildApp } from '../support/child-app';
import { ROOT } from '../support/dashboard-process';
import { processGroupMembers } from './process-group';

/**
 * A small run of the real harness: it runs both targets with real processes,
 * reports a figure of every kind, and leaves none of its own processes behind.
 * The figures themselves depend on the machine and are not judged here.
 */
describe('npm run bench (smoke)', () => {
  let bench: ChildApp | undefined;

  afterAll(() => {
    // Only if the test failed half-way: what is left of this run's own process group, by its id.
    const group = bench?.proc.pid;
    if (group !== undefined && processGroupMembers(group).length > 0) process.kill(-group, 'SIGKILL');
  });

  it('measures 20 agents and 2 frontends against the dashboard and the relay, reports, and exits leaving nothing behind', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sss-bench-smoke-')), 'result.json');
    const args = ['--agents', '20', '--frontends', '2', '--interval', '1', '--duration', '3', '--out', out];
    // A process group of its own (its id is the bench's pid): every process it starts is in it, however deep.
    const proc = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'bench/bench.ts', ...args], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    bench = new ChildApp(proc, 'bench');
    // What the group held while it ran: shows the check at the end looks at the processes that matter.
    const seen = new Set<string>();
    const watch = setInterval(() => processGroupMembers(proc.pid!).forEach((m) => seen.add(m.args)), 200);
    try {
      await bench.waitForLog(/results written to/, 150_000);
      expect(await bench.exited).toEqual({ code: 0, signal: null });
    } finally {
      clearInterval(watch);
    }
    for (const started of ['dist/apps/dashboard/main.js', 'relay.js', 'bench/load-generator.ts']) {
      expect([...seen].filter((args) => args.includes(started))).not.toEqual([]);
    }

    expect(bench.logs).toMatch(/dashboard\/relay: throughput [\d.]+, p99 [\d.]+, RSS [\d.]+/);
    const { scenarios } = JSON.parse(readFileSync(out, 'utf8')) as { scenarios: { results: RunResult[] }[] };
    const results = scenarios[0].results;
    expect(results.map((r) => r.target)).toEqual(['dashboard', 'relay']);
    for (const r of results) {
      expect(r).toMatchObject({ agents: 20, frontends: 2, errors: 0, unexpectedCloses: 0 });
      // Every figure is a number, and the load was measured: reports sent, delivered and timed, the target sampled.
      const { target, history, ...figures } = r;
      expect(history).toBe(target === 'dashboard' ? 'sqlite' : undefined);
      const measured = ['sentPerSec', 'acceptedPerSec', 'deliveredPercent', 'frontendMBps', 'p50Ms', 'rssMaxMb'] as const;
      expect({
        target,
        notFinite: Object.keys(figures).filter((name) => !Number.isFinite(figures[name as keyof typeof figures])),
        notPositive: measured.filter((name) => !(r[name] > 0)),
      }).toEqual({ target, notFinite: [], notPositive: [] });
      expect(r.deliveredPercent).toBeLessThanOrEqual(100);
      expect(r.p99Ms).toBeGreaterThanOrEqual(r.p50Ms);
    }

    // Every target and load generator has exited (reaping an orphan may take its new parent a moment).
    const deadline = Date.now() + 10_000;
    while (processGroupMembers(proc.pid!).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(processGroupMembers(proc.pid!)).toEqual([]);
  }, 180_000);
});
