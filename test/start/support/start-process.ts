import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVERS_API_PATH, type ServerUpdate } from '@sss/contracts';
import { parse } from 'yaml';
import { ChildApp, cleanEnv } from '../../support/child-app';
import { ROOT } from '../../support/dashboard-process';

/** How a test launches it: `npm start` (npm -> sh -> node scripts/start.js) or the script itself. */
export type Launcher = 'npm start' | 'node scripts/start.js';

/**
 * `npm start` as a user runs it, on a loopback port and with a local config folder (SSS_LOCAL_DIR) of its own,
 * the agent reporting every second. Its dashboard's and agent's pids come from its `sss: ... (pid N)` lines.
 */
export class StartProcess extends ChildApp {
  private constructor(
    proc: ReturnType<typeof spawn>,
    readonly port: number,
    readonly localDir: string,
  ) {
    super(proc, 'npm start');
  }

  static launch(launcher: Launcher, port: number, localDir: string, env: NodeJS.ProcessEnv = {}): StartProcess {
    const [command, ...args] = launcher === 'npm start' ? ['npm', 'start'] : [process.execPath, 'scripts/start.js'];
    const proc = spawn(command, args, {
      cwd: ROOT,
      env: {
        ...cleanEnv(),
        SSS_PORT: String(port),
        SSS_HOST: '127.0.0.1',
        SSS_LOCAL_DIR: localDir,
        // The database beside the local config, not in the checkout's data/.
        SSS_STORAGE__PATH: join(localDir, 'sss.db'),
        SSS_AGENT_INTERVAL_SECONDS: '1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new StartProcess(proc, port, localDir);
  }

  /** Every pid it reported for `app`, oldest first. */
  pids(app: 'dashboard' | 'agent'): number[] {
    return [...this.logs.matchAll(new RegExp(`^sss: ${app} \\(pid (\\d+)\\)`, 'gm'))].map((m) => Number(m[1]));
  }

  /** Waits until it has started `app` for the `nth` time (1 = the first) and returns that process's pid. */
  async waitForPid(app: 'dashboard' | 'agent', nth = 1, timeoutMs = 60_000): Promise<number> {
    await this.waitForLog(new RegExp(`(?:^sss: ${app} \\(pid \\d+\\)[^]*?){${nth}}`, 'm'), timeoutMs);
    return this.pids(app)[nth - 1];
  }

  /** The id `npm start` gave this host in the local agent config it wrote. */
  localServerId(): string {
    return (parse(readFileSync(join(this.localDir, 'agent.yaml'), 'utf8')) as { id: string }).id;
  }

  /** This host's entry in the dashboard's GET /api/servers, once it has one. */
  async localServer(): Promise<ServerUpdate | undefined> {
    const res = await fetch(`http://127.0.0.1:${this.port}${SERVERS_API_PATH}`);
    const servers = (await res.json()) as ServerUpdate[];
    return servers.find((s) => s.serverId === this.localServerId());
  }
}

/** A folder for `npm start`'s local config, and its removal. */
export function localConfigDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sss-start-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A loopback port nothing listens on right now. */
/** Whether a listener could take loopback `port` now. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((res) => {
    const probe = createServer();
    probe.once('error', () => res(false));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => res(true)));
  });
}

/** Whether `pid` is a live process (a zombie nobody has reaped yet is not). */
export function isRunning(pid: number): boolean {
  try {
    return procStat(pid).state !== 'Z';
  } catch {
    return false;
  }
}

/** The parent of a running process. */
export function parentOf(pid: number): number {
  return procStat(pid).ppid;
}

/** Fields of /proc/PID/stat after the command name (which may hold spaces and parentheses). */
function procStat(pid: number): { state: string; ppid: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state, ppid: Number(ppid) };
}

/** Polls `condition` until it holds; fails naming `what` (and `details()`, if given) when `timeoutMs` passes first. */
export async function waitUntil(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
  details: () => string = () => '',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}\n${details()}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}
