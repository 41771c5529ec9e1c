import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { DASHBOARD_NODE_ARGS } from '../scripts/dashboard-node-args';
import type { HistoryMode, TargetKind } from './scenario';

export const ROOT = resolve(__dirname, '..');
const TS_NODE = ['-r', 'ts-node/register/transpile-only'];

export interface RunningTarget {
  proc: ChildProcess;
  port: number;
  stop(): Promise<void>;
}

/** Prefixes a command with `taskset -c CPU` when pinning is on. */
export function pinned(cpu: number | undefined, args: string[]): [string, string[]] {
  return cpu === undefined ? [args[0], args.slice(1)] : ['taskset', ['-c', String(cpu), ...args]];
}

/** Where the dashboard keeps history: off, a SQLite file in the run's folder, or a PostgreSQL database. */
export interface TargetStorage {
  history: HistoryMode;
  /** The database when `history` is postgres. */
  url?: string;
}

/** Starts the production dashboard or the bare relay on a free loopback port with `agents` servers configured. */
export async function startTarget(
  kind: TargetKind,
  agents: number,
  dir: string,
  cpu: number | undefined,
  nodeArgs: string[],
  storage: TargetStorage = { history: 'off' },
): Promise<RunningTarget> {
  const servers = Array.from({ length: agents }, (_, i) => ({ id: `s${i}`, secret: `secret-s${i}` }));
  let args: string[];
  if (kind === 'dashboard') {
    const file = join(dir, 'dashboard.yaml');
    const history = { enabled: storage.history !== 'off' };
    const store = storage.history === 'postgres' ? { url: storage.url } : { path: join(dir, 'sss.db') };
    // The load generator opens thousands of connections from a few loopback addresses: the per-address
    // upgrade limit and the connection cap are for strangers, not for the fleet being measured.
    const limits = { upgradesPerSecond: 1_000_000, agentConnections: agents + 1_000 };
    writeFileSync(file, stringify({ host: '127.0.0.1', port: 0, history, storage: store, limits, servers }));
    args = [process.execPath, ...DASHBOARD_NODE_ARGS, ...nodeArgs, join(ROOT, 'dist/apps/dashboard/main.js'), '--config', file];
  } else {
    const file = join(dir, 'servers.json');
    writeFileSync(file, JSON.stringify(servers));
    // Compiled, not under ts-node, so its RSS is a bare Node process's.
    args = [process.execPath, ...nodeArgs, join(ROOT, 'dist/bench/bench/relay.js'), '0', file];
  }
  const [cmd, rest] = pinned(cpu, args);
  const proc = spawn(cmd, rest, { cwd: ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  // Everything the target prints (with --node-args --trace-gc, its GC trace too) goes to a log file.
  mkdirSync(join(ROOT, 'bench-results/logs'), { recursive: true });
  const name = kind === 'dashboard' ? `dashboard-history-${storage.history}` : kind;
  const log = createWriteStream(join(ROOT, `bench-results/logs/${name}-${agents}-agents.log`));
  proc.stdout.pipe(log);
  proc.stderr.on('data', (d: Buffer) => {
    log.write(d);
    // Warnings and errors stay visible on the console; the per-connection info lines do not.
    for (const line of d.toString().split('\n')) if (/ (WARN|ERROR) /.test(line)) process.stderr.write(`[${kind}] ${line}\n`);
  });
  let output = '';
  const port = await new Promise<number>((res, rej) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = output.match(/listening.*port"?[=:](\d+)/);
      if (m) {
        proc.stdout.off('data', onData);
        proc.stderr.off('data', onData);
        res(Number(m[1]));
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.once('exit', (code) => rej(new Error(`${kind} exited with ${code}:\n${output}`)));
  });
  return {
    proc,
    port,
    stop: () =>
      new Promise<void>((res) => {
        if (proc.exitCode !== null) return res();
        const kill = setTimeout(() => proc.kill('SIGKILL'), 8_000);
        proc.once('exit', () => {
          clearTimeout(kill);
          res();
        });
        proc.kill('SIGTERM');
      }),
  };
}

/** Forks a load generator (see load-generator.ts) with an IPC channel. */
export function forkGenerator(cpu: number | undefined): ChildProcess {
  const [cmd, rest] = pinned(cpu, [process.execPath, ...TS_NODE, join(ROOT, 'bench/load-generator.ts')]);
  return spawn(cmd, rest, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}
