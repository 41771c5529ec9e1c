import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';

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
}

/** A real dashboard process on a free loopback port, started from the production build. */
export class DashboardProcess {
  private output = '';
  port = 0;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(readonly proc: ChildProcess) {
    proc.stdout!.on('data', (d: Buffer) => (this.output += d.toString()));
    proc.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
    this.exited = new Promise((res) => proc.once('exit', (code, signal) => res({ code, signal })));
  }

  static async start(options: DashboardOptions): Promise<DashboardProcess> {
    const dir = mkdtempSync(join(tmpdir(), 'sss-dashboard-'));
    const file = join(dir, 'dashboard.yaml');
    writeFileSync(file, stringify({ host: '127.0.0.1', port: 0, ...options.config, servers: options.servers }));
    return DashboardProcess.spawn(['--config', file], options.env);
  }

  /** Spawns with raw arguments; resolves once it listens (or rejects with its output when it exits first). */
  static async spawn(args: string[], env: NodeJS.ProcessEnv = {}): Promise<DashboardProcess> {
    const proc = spawn(process.execPath, [DASHBOARD_MAIN, ...args], {
      cwd: ROOT,
      env: { ...cleanEnv(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const dashboard = new DashboardProcess(proc);
    await dashboard.waitForLog(/dashboard listening.*port"?[=:](\d+)/, 15_000).then((m) => (dashboard.port = Number(m[1])));
    return dashboard;
  }

  get logs(): string {
    return this.output;
  }

  url(path: string, scheme = 'ws'): string {
    return `${scheme}://127.0.0.1:${this.port}${path}`;
  }

  /** Waits for a log line matching `pattern`; fails with the whole log if the process exits or time runs out. */
  waitForLog(pattern: RegExp, timeoutMs = 5_000): Promise<RegExpMatchArray> {
    return new Promise((res, rej) => {
      const check = () => {
        const m = this.output.match(pattern);
        if (m) {
          cleanup();
          res(m);
        }
      };
      const fail = (why: string) => {
        cleanup();
        rej(new Error(`${why} waiting for ${pattern}; dashboard output:\n${this.output}`));
      };
      const onExit = () => fail(`dashboard exited (code ${this.proc.exitCode})`);
      const timer = setTimeout(() => fail('timed out'), timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.proc.stdout!.off('data', check);
        this.proc.stderr!.off('data', check);
        this.proc.off('exit', onExit);
      };
      this.proc.stdout!.on('data', check);
      this.proc.stderr!.on('data', check);
      this.proc.once('exit', onExit);
      check();
    });
  }

  /** Sends `signal` and waits for the exit; kills it if it takes longer than `timeoutMs`. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 8_000) {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return this.exited;
    this.proc.kill(signal);
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), timeoutMs);
    const result = await this.exited;
    clearTimeout(timer);
    return result;
  }
}

/** The test runner's environment without SSS_* variables that would change the config under test. */
export function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SSS_')));
}
