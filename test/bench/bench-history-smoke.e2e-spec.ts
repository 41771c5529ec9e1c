import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChildApp } from '../support/child-app';
import { cleanEnv, ROOT } from '../support/dashboard-process';
import { processGroupMembers } from './process-group';

interface Figures {
  results: {
    engine: string;
    ingest: { reportsPerSecond: number; live: Record<string, number> };
    packing: Record<string, number>;
    rollUp: Record<string, number>;
    ingestTotalPercent: number;
    year: {
      reports: number;
      databaseBytes: number;
      tiers: { tier: string; samples: number; payloadBytes: number; databaseBytes: number }[];
    };
    month: { reports: number; databaseBytes: number };
    queries: { query: string; tier?: string; rows: number; p50Ms: number; p99Ms: number }[];
  }[];
}

/**
 * `npm run bench:history -- --quick`: the whole harness on both engines, small. It reports a figure of every kind
 * and leaves nothing behind: no process, and none of its folders in its temporary directory (the SQLite files
 * and the PostgreSQL cluster it started go there). The figures themselves depend on the machine and are not judged here.
 */
describe('npm run bench:history (smoke)', () => {
  let bench: ChildApp | undefined;

  afterAll(() => {
    // Only if the test failed half-way: what is left of this run's own process group, by its id.
    const group = bench?.proc.pid;
    if (group !== undefined && processGroupMembers(group).length > 0) process.kill(-group, 'SIGKILL');
  });

  it('measures ingest, sizes and queries on SQLite and PostgreSQL, reports, and exits leaving nothing behind', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'sss-bench-history-smoke-'));
    chmodSync(tmp, 0o755); // as root the PostgreSQL cluster runs as the OS user postgres, who must reach its folder
    const out = join(mkdtempSync(join(tmpdir(), 'sss-bench-history-out-')), 'result.json');
    const args = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'bench/history/bench-history.ts'];
    // A process group of its own (its id is the bench's pid), so that whatever it leaves can be found.
    const proc = spawn(process.execPath, [...args, '--quick', '--out', out], {
      cwd: ROOT,
      env: { ...cleanEnv(), TMPDIR: tmp },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    bench = new ChildApp(proc, 'bench:history');
    await bench.waitForLog(/results written to/, 420_000);
    expect(await bench.exited).toEqual({ code: 0, signal: null });

    expect(bench.logs).toMatch(/ingest: 1000 servers every 5 s[^]*bytes per stored report[^]*database size[^]*query latency/);
    const { results } = JSON.parse(readFileSync(out, 'utf8')) as Figures;
    expect(results.map((r) => r.engine)).toEqual(['sqlite', 'postgres']);
    for (const r of results) {
      const cpu = [...Object.values(r.ingest.live), ...Object.values(r.packing), ...Object.values(r.rollUp), r.ingestTotalPercent];
      expect({ engine: r.engine, notFinite: cpu.filter((v) => !Number.isFinite(v)) }).toEqual({ engine: r.engine, notFinite: [] });
      expect(r.ingest.reportsPerSecond).toBeGreaterThan(0);
      expect(r.ingestTotalPercent).toBeGreaterThan(0);
      expect(r.year.reports).toBeGreaterThan(0);
      expect(r.month.reports).toBeGreaterThan(0);
      // Three simulated days fill the raw, 1-minute and 15-minute tiers; a week would be needed for the hourly one.
      const filled = r.year.tiers
        .filter((t) => t.samples > 0 && t.payloadBytes > 0 && t.databaseBytes >= t.payloadBytes)
        .map((t) => t.tier);
      expect({ engine: r.engine, filled }).toEqual({ engine: r.engine, filled: ['raw', '1m', '15m'] });
      const answered = r.queries
        .filter((q) => q.rows > 0 && q.p99Ms >= q.p50Ms && q.p50Ms > 0)
        .map((q) => `${q.query} ${q.tier ?? ''}`.trim());
      expect({ engine: r.engine, answered }).toEqual({
        engine: r.engine,
        answered: ['1 h raw', '30 d 1m', '1 y 15m', 'uptime 24 h, 7 d, 30 d'],
      });
    }

    // Every process of its own has exited, and its temporary directory is empty: databases and cluster removed.
    const deadline = Date.now() + 10_000;
    while (processGroupMembers(proc.pid!).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(processGroupMembers(proc.pid!)).toEqual([]);
    // Other tools may cache there (v8-compile-cache); the bench's own folders all start with sss-.
    expect(readdirSync(tmp).filter((name) => name.startsWith('sss-'))).toEqual([]);
  }, 450_000);
});
