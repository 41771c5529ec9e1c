import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RunResult } from '../../bench/run-scenario';
import { ROOT } from '../support/dashboard-process';

/** A small run of the real harness: both targets, real processes, sane figures, nothing left behind. */
describe('npm run bench (smoke)', () => {
  it('measures 20 agents and 2 frontends against the dashboard and the relay, then exits cleanly', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sss-bench-smoke-')), 'result.json');
    const args = [
      '-r',
      'ts-node/register/transpile-only',
      'bench/bench.ts',
      '--agents',
      '20',
      '--frontends',
      '2',
      '--interval',
      '1',
      '--duration',
      '3',
      '--out',
      out,
    ];
    const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: ROOT, timeout: 120_000 });

    expect(stdout).toMatch(/dashboard\/relay: throughput [\d.]+, p99 [\d.]+, RSS [\d.]+/);
    const { scenarios } = JSON.parse(readFileSync(out, 'utf8')) as { scenarios: { results: RunResult[] }[] };
    const results = scenarios[0].results;
    expect(results.map((r) => r.target)).toEqual(['dashboard', 'relay']);
    for (const r of results) {
      expect(r).toMatchObject({ agents: 20, frontends: 2, errors: 0, unexpectedCloses: 0 });
      expect(r.sentPerSec).toBeGreaterThan(15); // 20 agents, one report a second each
      expect(r.sentPerSec).toBeLessThan(25);
      expect(r.deliveredPercent).toBe(100);
      expect(r.acceptedPerSec).toBeCloseTo(r.sentPerSec, 0);
      expect(r.p50Ms).toBeGreaterThan(0);
      expect(r.p99Ms).toBeGreaterThanOrEqual(r.p50Ms);
      expect(r.maxMs).toBeLessThan(2_000);
      expect(r.frontendMBps).toBeGreaterThan(0);
      expect(r.rssMaxMb).toBeGreaterThan(10);
      expect(r.cpuPercent).toBeGreaterThan(0);
    }
    // No target or generator outlives the run.
    const leftovers = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes('sss-bench-') || line.includes('bench/load-generator.ts'));
    expect(leftovers).toEqual([]);
  }, 150_000);
});
