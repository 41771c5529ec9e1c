import { SERVERS_API_PATH, type ServerUpdate } from '@sss/contracts';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { DASHBOARD_NODE_ARGS } from '../../scripts/dashboard-node-args';
import { ChildApp, cleanEnv } from './child-app';
import { witnessLog, witnessSecrets } from './leak-witness';

export { cleanEnv } from './child-app';

export const ROOT = resolve(__dirname, '../..');
export const DASHBOARD_MAIN = join(ROOT, 'dist/apps/dashboard/main.js');

export interface TestServer {
  id: string;
  secret: string;
  name?: string;
  group?: string;
  countryCode?: string;
}

export interface DashboardOptions {
  servers: TestServer[];
  /** Any other config keys (offlineAfterSeconds, idleTimeoutSeconds, ...). */
  config?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
  /** The folder for the config file and the database (a fresh temp folder by default); a restart reuses its dashboard's. */
  dir?: string;
}

/** A real dashboard process on a free loopback port, started from the production build. */
export class DashboardProcess extends ChildApp {
  port = 0;

  /** The folder holding its config file and database. */
  dir = '';

  static async start(options: DashboardOptions): Promise<DashboardProcess> {
    const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'sss-dashboard-'));
    const file = join(dir, 'dashboard.yaml');
    // Each dashboard gets a database of its own in its temp folder, unless the test names one.
    const config = { host: '127.0.0.1', port: 0, storage: { path: join(dir, 'sss.db') }, ...options.config, servers: options.servers };
    writeFileSync(file, stringify(config));
    witnessSecrets(...secretsOf(config));
    const dashboard = await DashboardProcess.spawn(['--config', file], options.env);
    dashboard.dir = dir;
    return dashboard;
  }

  /**
   * Spawns with raw arguments; resolves once it listens (or rejects with its output when it exits first).
   * Without a config file, the database goes to a fresh temp folder rather than the checkout's data/.
   */
  static async spawn(args: string[], env: NodeJS.ProcessEnv = {}): Promise<DashboardProcess> {
    const storage = args.includes('--config') ? {} : { SSS_STORAGE__PATH: join(mkdtempSync(join(tmpdir(), 'sss-dashboard-')), 'sss.db') };
    const proc = spawn(process.execPath, [...DASHBOARD_NODE_ARGS, DASHBOARD_MAIN, ...args], {
      cwd: ROOT,
      env: { ...cleanEnv(), ...storage, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    witnessSecrets(...Object.entries(env).flatMap(([key, value]) => (/SECRET|TOKEN|PASSWORD/.test(key) ? [value] : [])));
    for (const stream of [proc.stdout, proc.stderr]) stream.on('data', (chunk: Buffer) => witnessLog(chunk.toString()));
    const dashboard = new DashboardProcess(proc, 'dashboard');
    try {
      const listening = await dashboard.waitForLog(/dashboard listening.*port"?[=:](\d+)/, 30_000);
      dashboard.port = Number(listening[1]);
    } catch (err) {
      proc.kill('SIGKILL'); // not left running when it is too slow to start: nobody else holds it to stop
      throw err;
    }
    return dashboard;
  }

  url(path: string, scheme = 'ws'): string {
    return `${scheme}://127.0.0.1:${this.port}${path}`;
  }

  /** What GET /api/servers holds now: the latest message of every known server. */
  async servers(): Promise<ServerUpdate[]> {
    const res = await fetch(this.url(SERVERS_API_PATH, 'http'));
    if (!res.ok) throw new Error(`GET ${SERVERS_API_PATH} answered ${res.status}`);
    return (await res.json()) as ServerUpdate[];
  }
}

/** What a dashboard config holds that must never come out again: server secrets, enrollment keys, the metrics token, the admin's hash, a database or Redis password. */
function secretsOf(config: Record<string, unknown>): Array<string | undefined> {
  const servers = (config.servers ?? []) as TestServer[];
  const metrics = config.metrics as { token?: string } | undefined;
  const admin = config.admin as { passwordHash?: string } | undefined;
  const storage = config.storage as { url?: string } | undefined;
  const databasePassword = storage?.url ? decodeURIComponent(new URL(storage.url).password) : undefined;
  const enrollmentKeys = ((config.enrollment as { keys?: { secret?: string }[] } | undefined)?.keys ?? []).map((k) => k.secret);
  const bus = config.bus as { url?: string } | undefined;
  const redisPassword = bus?.url ? decodeURIComponent(new URL(bus.url).password) : undefined;
  return [...servers.map((s) => s.secret), metrics?.token, admin?.passwordHash, databasePassword, redisPassword, ...enrollmentKeys];
}
