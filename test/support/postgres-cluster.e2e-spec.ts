import { chmodSync, mkdtempSync, readdirSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { Client } from 'pg';
import { ChildApp } from './child-app';
import { ROOT } from './dashboard-process';
import { createTestDatabase, PostgresCluster, type PostgresClusterOptions } from './postgres-cluster';

async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

describe('the PostgreSQL the tests run against', () => {
  it('serves a fresh database of this file over loopback TCP', async () => {
    const url = await createTestDatabase();
    expect(new URL(url).hostname).toBe('127.0.0.1');
    const row = await withClient(
      url,
      async (c) => (await c.query<{ db: string; sum: number }>('SELECT current_database() AS db, 1 + 1 AS sum')).rows[0],
    );
    expect(row).toEqual({ db: new URL(url).pathname.slice(1), sum: 2 });
  });

  it('keeps two databases apart', async () => {
    const [a, b] = [await createTestDatabase(), await createTestDatabase()];
    expect(a).not.toBe(b);
    await withClient(a, (c) => c.query('CREATE TABLE samples (v integer); INSERT INTO samples VALUES (42)'));
    expect(await withClient(a, async (c) => (await c.query<{ v: number }>('SELECT v FROM samples')).rows)).toEqual([{ v: 42 }]);
    expect(await withClient(b, async (c) => (await c.query<{ t: string | null }>("SELECT to_regclass('samples') AS t")).rows)).toEqual([
      { t: null },
    ]);
  });
});

describe('PostgresCluster', () => {
  let parentDir: string;
  let started: PostgresCluster[];
  beforeEach(() => {
    parentDir = mkdtempSync(join(tmpdir(), 'sss-pg-parent-'));
    chmodSync(parentDir, 0o755); // as root the cluster runs as the OS user postgres, who must reach its folder
    started = [];
  });
  afterEach(async () => {
    // A test that failed half-way leaves its clusters running: stop them (again), and any whose starter was killed.
    for (const cluster of started) await cluster.stop().catch(() => undefined);
    await PostgresCluster.removeOrphans(parentDir);
    rmdirSync(parentDir);
  });
  const start = async (options: PostgresClusterOptions = {}) => {
    const cluster = await PostgresCluster.start({ parentDir, ...options });
    started.push(cluster);
    return cluster;
  };

  it('starts a cluster of its own, and stop() ends the server and removes its folder', async () => {
    const cluster = await start();
    const url = await cluster.createDatabase('own');
    expect(await withClient(url, async (c) => (await c.query<{ ok: number }>('SELECT 1 AS ok')).rows)).toEqual([{ ok: 1 }]);
    expect(readdirSync(parentDir)).toEqual([expect.stringMatching(/^sss-pg-/)]);

    await cluster.stop();
    expect(readdirSync(parentDir)).toEqual([]);
    await expect(withClient(url, (c) => c.query('SELECT 1'))).rejects.toThrow(/ECONNREFUSED/);
  }, 120_000);

  it('fails to start with the server log in the error, and removes its folder', async () => {
    const failure = start({ settings: { shared_buffers: 'plenty' } });
    await expect(failure).rejects.toThrow(
      /PostgreSQL did not start on 127\.0\.0\.1:\d+ within 30 s[^]*server log:\n[^]*invalid value for parameter "shared_buffers": "plenty"/,
    );
    expect(readdirSync(parentDir)).toEqual([]);
  }, 120_000);

  it('stops and removes, on its next start in the same folder, a cluster whose starter was killed', async () => {
    // A process that starts a cluster, prints its URL and waits: killed, it never stops its cluster.
    const script = `require('./test/support/postgres-cluster').PostgresCluster.start({ parentDir: ${JSON.stringify(parentDir)} })
      .then((c) => { console.log(c.url); setInterval(() => {}, 1000); })`;
    const starter = new ChildApp(
      spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], { cwd: ROOT }),
      'starter',
    );
    const [, orphanUrl] = await starter.waitForLog(/(postgres:\/\/\S+)\n/, 120_000).finally(() => starter.proc.kill('SIGKILL'));
    await starter.exited;
    expect(await withClient(orphanUrl, async (c) => (await c.query<{ ok: number }>('SELECT 1 AS ok')).rows)).toEqual([{ ok: 1 }]);
    const [orphanDir] = readdirSync(parentDir);

    const cluster = await start();
    expect(readdirSync(parentDir)).toEqual([expect.not.stringMatching(orphanDir)]);
    await expect(withClient(orphanUrl, (c) => c.query('SELECT 1'))).rejects.toThrow(/ECONNREFUSED/);
    await cluster.stop();
  }, 180_000);
});
