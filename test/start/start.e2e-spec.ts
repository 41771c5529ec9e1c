import { freePort } from '../support/free-port';
import { isRunning, type Launcher, localConfigDir, parentOf, portIsFree, StartProcess, waitUntil } from './support/start-process';

/** Starting a dashboard and an agent from the build takes a few seconds, more on a busy 2-core machine. */
const STARTUP_MS = 60_000;

describe('npm start (scripts/start.js) as a process', () => {
  const launched: StartProcess[] = [];
  const cleanups: Array<() => void> = [];

  async function launch(launcher: Launcher = 'node scripts/start.js', env: NodeJS.ProcessEnv = {}): Promise<StartProcess> {
    const { dir, remove } = localConfigDir();
    cleanups.push(remove);
    return track(StartProcess.launch(launcher, await freePort(), dir, env));
  }

  function track(start: StartProcess): StartProcess {
    launched.push(start);
    return start;
  }

  /** Waits until this host's agent has reported to the dashboard, newer than `after` (seconds) when given. */
  async function reporting(start: StartProcess, after = 0): Promise<number> {
    let timestamp = 0;
    await waitUntil(
      `this host is online with a report newer than ${after}`,
      async () => {
        const server = await start.localServer().catch(() => undefined);
        timestamp = server?.online && server.timestamp > after ? server.timestamp : 0;
        return timestamp > 0;
      },
      STARTUP_MS,
      () => start.logs,
    );
    return timestamp;
  }

  afterEach(async () => {
    // Whatever a failed test left behind: the launcher, then any dashboard or agent it started.
    for (const start of launched.splice(0)) {
      await start.stop('SIGTERM');
      for (const pid of [...start.pids('dashboard'), ...start.pids('agent')]) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
    }
    cleanups.splice(0).forEach((cleanup) => cleanup());
  });

  it('refuses a second start on the same port with one line, and the first keeps its agent connected', async () => {
    const first = await launch('npm start');
    await reporting(first);

    const second = track(StartProcess.launch('npm start', first.port, first.localDir));
    expect(await second.exited).toEqual({ code: 1, signal: null });
    const ours = second.logs.split('\n').filter((line) => line.startsWith('sss:'));
    expect(ours).toEqual([
      `sss: port ${first.port} is in use: something already listens there (another npm start?); ` +
        `stop it, or pick another port: SSS_PORT=${first.port + 1} npm start`,
    ]);
    expect(second.logs).not.toMatch(/EADDRINUSE|\n\s+at /);

    // The first is undisturbed: its one agent keeps reporting over a connection nobody replaced.
    const seen = (await first.localServer())!.timestamp;
    await reporting(first, seen);
    expect(first.logs).not.toMatch(/replaced/);
    expect(first.pids('agent')).toHaveLength(1);
    expect(first.proc.exitCode).toBeNull();
  }, 120_000);

  it.each<[Launcher, NodeJS.Signals]>([
    ['npm start', 'SIGTERM'],
    ['node scripts/start.js', 'SIGTERM'],
    ['node scripts/start.js', 'SIGKILL'],
  ])(
    '%s: %s to the parent alone stops the dashboard and the agent and frees the port',
    async (launcher, signal) => {
      const start = await launch(launcher);
      const dashboardPid = await start.waitForPid('dashboard', 1, STARTUP_MS);
      const agentPid = await start.waitForPid('agent', 1, STARTUP_MS);
      const scriptPid = parentOf(dashboardPid); // npm's grandchild under `npm start`, the parent itself otherwise
      expect(scriptPid === start.proc.pid).toBe(launcher === 'node scripts/start.js');
      await reporting(start);

      process.kill(start.proc.pid!, signal); // the parent alone, not its process group
      await waitUntil(
        'the dashboard, the agent and scripts/start.js are gone and the port is free',
        async () => ![dashboardPid, agentPid, scriptPid].some(isRunning) && (await portIsFree(start.port)),
        30_000,
        () => start.logs,
      );
      // Both shut down gracefully (the agent closes its connection; the dashboard its sockets), none was restarted.
      await start.waitForLog(/\[dashboard\] stopped/);
      await start.waitForLog(/\[agent\] stopped/);
      expect(start.pids('agent')).toHaveLength(1);
      if (launcher === 'node scripts/start.js' && signal === 'SIGTERM') expect(await start.exited).toEqual({ code: 0, signal: null });
    },
    120_000,
  );

  it('restarts the agent when it exits, after 1 s and then 2 s, and the new one reports', async () => {
    const start = await launch();
    const first = await start.waitForPid('agent', 1, STARTUP_MS);
    await reporting(start);

    const killedAt = Date.now();
    process.kill(first, 'SIGKILL');
    await start.waitForLog(/^sss: the agent exited \(signal SIGKILL\); restarting it in 1 s$/m, 10_000);
    const second = await start.waitForPid('agent', 2, STARTUP_MS);
    expect(second).not.toBe(first);
    // Newer than any report the killed agent can have sent.
    await reporting(start, Math.ceil(killedAt / 1000));

    // It did not run a minute, so the next restart waits twice as long.
    process.kill(second, 'SIGTERM');
    await start.waitForLog(/^sss: the agent exited \(code 0\); restarting it in 2 s$/m, 10_000);
    const third = await start.waitForPid('agent', 3, STARTUP_MS);
    expect(isRunning(third)).toBe(true);
    expect(start.pids('dashboard')).toHaveLength(1);
    expect(start.proc.exitCode).toBeNull();
  }, 120_000);

  it("stops the agent when the dashboard dies, and exits with the dashboard's code", async () => {
    const start = await launch();
    const dashboardPid = await start.waitForPid('dashboard', 1, STARTUP_MS);
    const agentPid = await start.waitForPid('agent', 1, STARTUP_MS);

    process.kill(dashboardPid, 'SIGKILL');
    expect(await start.exited).toEqual({ code: 128 + 9, signal: null });
    expect(start.logs).toMatch(/^sss: the dashboard exited \(signal SIGKILL\); stopping the agent$/m);
    await waitUntil(
      'the agent is gone',
      () => !isRunning(agentPid),
      30_000,
      () => start.logs,
    );
    expect(start.logs).not.toMatch(/restarting/);
  }, 120_000);

  it("exits with the dashboard's code when its config is bad, without starting an agent", async () => {
    const start = await launch('node scripts/start.js', { SSS_OFFLINE_AFTER_SECONDS: 'soon' });
    expect(await start.exited).toEqual({ code: 2, signal: null });
    expect(start.logs).toMatch(/config: offlineAfterSeconds/);
    expect(start.logs).toMatch(/^sss: the dashboard exited \(code 2\)$/m);
    expect(start.pids('agent')).toEqual([]);
  }, 120_000);
});
