import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { ensurePostgres, type PostgresInstall } from '../../scripts/ensure-postgres';
import { freePort } from './free-port';

/** Where the e2e project's global setup puts the URL of its cluster for the tests (any database in it). */
export const TEST_PG_URL_ENV = 'TEST_POSTGRES_URL';

/** What a throwaway cluster trades for speed: nothing it holds outlives it, so it never waits for the disk. */
const THROWAWAY_SETTINGS: Record<string, string> = { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' };

export interface PostgresClusterOptions {
  /** postgresql.conf settings over the throwaway ones (e.g. `{ fsync: 'on' }` to measure a durable server). */
  settings?: Record<string, string>;
  /** How long the server may take to accept connections before start() fails with its log. */
  startTimeoutSeconds?: number;
  /** Where the cluster's temporary folder is made (the OS's temporary directory by default). */
  parentDir?: string;
}

/** A cluster's folder: `<parentDir>/sss-pg-XXXXXX`, holding the pid of the process that started it. */
const FOLDER_PREFIX = 'sss-pg-';
const OWNER_FILE = 'owner.pid';

const run = promisify(execFile);

/**
 * A PostgreSQL cluster of its own: `initdb` into a fresh temporary folder, then `pg_ctl start` on a free
 * loopback port with its unix socket in that folder and trust authentication, as the superuser `postgres`.
 * As root it runs as the OS user `postgres` (through `runuser`), since initdb refuses root. stop() kills it
 * and removes the folder; a cluster whose starter died without stopping it (an interrupted jest run skips its
 * global teardown) is stopped and removed by the next start() in the same parent folder.
 */
export class PostgresCluster {
  private constructor(
    /** `postgres://` URL of the cluster's `postgres` database. */
    readonly url: string,
    private readonly dir: string,
    private readonly install: PostgresInstall,
  ) {}

  static async start({
    settings = {},
    startTimeoutSeconds = 30,
    parentDir = tmpdir(),
  }: PostgresClusterOptions = {}): Promise<PostgresCluster> {
    const install = ensurePostgres();
    await removeOrphans(install, parentDir);
    const dir = mkdtempSync(join(parentDir, FOLDER_PREFIX));
    writeFileSync(join(dir, OWNER_FILE), String(process.pid));
    if (install.user) chownSync(dir, install.user.uid, install.user.gid);
    const data = join(dir, 'data');
    try {
      await pgRun(install, 'initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
      // Appended, so the file keeps its owner; the last occurrence of a setting wins.
      const conf = { ...THROWAWAY_SETTINGS, ...settings, listen_addresses: '127.0.0.1', unix_socket_directories: dir };
      appendFileSync(
        join(data, 'postgresql.conf'),
        Object.entries(conf)
          .map(([k, v]) => `${k} = '${v}'\n`)
          .join(''),
      );
      const port = await startServer(install, dir, startTimeoutSeconds);
      return new PostgresCluster(`postgres://postgres@127.0.0.1:${port}/postgres`, dir, install);
    } catch (err) {
      rmSync(dir, { recursive: true, force: true });
      throw err;
    }
  }

  /** Stops and removes the clusters in `parentDir` whose starter has died (start() does it first, too). */
  static async removeOrphans(parentDir = tmpdir()): Promise<void> {
    await removeOrphans(ensurePostgres(), parentDir);
  }

  /** Creates an empty database in this cluster and returns its URL. */
  createDatabase(name?: string): Promise<string> {
    return createDatabase(this.url, name);
  }

  /** The server's process ids: the postmaster first, then its children (connections, background workers). */
  serverPids(): number[] {
    const postmaster = Number(readFileSync(join(this.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const children = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .filter((pid) => {
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
        } catch {
          return false; // gone meanwhile
        }
      });
    return [postmaster, ...children.map(Number)];
  }

  /** Stops the server without a checkpoint (nothing in it is kept) and removes its folder. */
  async stop(): Promise<void> {
    try {
      await stopServer(this.install, this.dir);
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

/** Creates an empty database (by default with a random name: jest gives each test file fresh module state, so a counter would repeat) in the cluster at `clusterUrl`; returns its URL. */
export async function createDatabase(clusterUrl: string, name = `test_${process.pid}_${randomUUID().slice(0, 8)}`): Promise<string> {
  const client = new Client({ connectionString: clusterUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
  const url = new URL(clusterUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.href;
}

/** A fresh database in the cluster the e2e project's global setup started, for one test file. */
export function createTestDatabase(name?: string): Promise<string> {
  const clusterUrl = process.env[TEST_PG_URL_ENV];
  if (!clusterUrl) {
    throw new Error(`${TEST_PG_URL_ENV} is not set: PostgreSQL tests run in the e2e jest project, whose global setup starts the cluster`);
  }
  return createDatabase(clusterUrl, name);
}

/** Starts the server on a free port; a port taken between choosing and binding it is retried with another. */
async function startServer(install: PostgresInstall, dir: string, timeoutSeconds: number): Promise<number> {
  const log = join(dir, 'server.log');
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    rmSync(log, { force: true });
    const args = ['start', '-D', join(dir, 'data'), '-l', log, '-w', '-t', String(timeoutSeconds), '-o', `-p ${port}`];
    try {
      await pgRun(install, 'pg_ctl', args);
      return port;
    } catch (err) {
      const serverLog = existsSync(log) ? readFileSync(log, 'utf8') : '(none written)';
      // pg_ctl gives up waiting but leaves a slow server running: stop it before failing.
      await stopServer(install, dir).catch(() => undefined);
      if (attempt < 3 && serverLog.includes('Address already in use')) continue;
      throw new Error(
        `PostgreSQL did not start on 127.0.0.1:${port} within ${timeoutSeconds} s: ${(err as Error).message}\nserver log:\n${serverLog}`,
        { cause: err },
      );
    }
  }
}

function stopServer(install: PostgresInstall, dir: string): Promise<void> {
  return pgRun(install, 'pg_ctl', ['stop', '-D', join(dir, 'data'), '-m', 'immediate', '-w']);
}

/** Stops and removes the clusters in `parentDir` whose starter has died. */
async function removeOrphans(install: PostgresInstall, parentDir: string): Promise<void> {
  for (const name of readdirSync(parentDir).filter((n) => n.startsWith(FOLDER_PREFIX))) {
    const dir = join(parentDir, name);
    let owner: number;
    try {
      owner = Number(readFileSync(join(dir, OWNER_FILE), 'utf8'));
    } catch {
      continue; // not a cluster folder, or one being created
    }
    if (isAlive(owner)) continue;
    try {
      await stopServer(install, dir).catch(() => undefined); // its server may be gone already
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // another user's folder, theirs to remove
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}

/** Runs one of PostgreSQL's programs (as the cluster's user when root); fails with its output. */
async function pgRun({ bin, user }: PostgresInstall, program: string, args: string[]): Promise<void> {
  const [file, argv] = user ? ['runuser', ['-u', user.name, '--', join(bin, program), ...args]] : [join(bin, program), args];
  try {
    await run(file, argv, { encoding: 'utf8' });
  } catch (err) {
    const { stdout, stderr } = err as { stdout?: string; stderr?: string };
    throw new Error(
      `${[program, ...args].join(' ')} failed (${(err as Error).message.split('\n')[0]})\n${stdout ?? ''}${stderr ?? ''}`.trimEnd(),
      { cause: err },
    );
  }
}
