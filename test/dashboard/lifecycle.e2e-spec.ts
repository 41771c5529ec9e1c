import { CloseCode, CloseReason, exampleServerInfo, FRONTEND_PATH, REPORT_PATH } from '@sss/contracts';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, DASHBOARD_MAIN, DashboardProcess, ROOT } from '../support/dashboard-process';
import { agentSocket, closed, FrontendClient, opened, withTimeout } from '../support/ws-clients';

const SERVERS = [
  { id: 'a', secret: 'sa' },
  { id: 'b', secret: 'sb' },
];

describe('dashboard lifecycle', () => {
  it('closes an agent connection that sends nothing for idleTimeoutSeconds, but not one that pings', async () => {
    const idleTimeoutSeconds = 3; // well above the ping period, so a busy test process still pings in time
    const dashboard = await DashboardProcess.start({ servers: SERVERS, config: { idleTimeoutSeconds } });
    // The pinging connection is the older one: if pings did not count, it would be found idle first.
    const pinging = agentSocket(dashboard.url(REPORT_PATH), 'b', 'sb');
    const timer = setInterval(() => pinging.readyState === pinging.OPEN && pinging.ping(), 300);
    try {
      await opened(pinging);
      await withTimeout(new Promise((pong) => pinging.once('pong', pong)), 10_000, 'a pong'); // the dashboard answers pings
      const connectingAt = Date.now(); // the dashboard's idle clock for it starts later
      const silent = agentSocket(dashboard.url(REPORT_PATH), 'a', 'sa');
      expect(await closed(silent, 15_000)).toEqual({ code: CloseCode.NORMAL, reason: CloseReason.IDLE });
      expect(Date.now() - connectingAt).toBeGreaterThanOrEqual(idleTimeoutSeconds * 1_000);
      await dashboard.waitForLog(/closing idle agent connection serverId="a"/);
      // The log is in order, so a close of the older connection would be written by now.
      expect(dashboard.logs).not.toMatch(/closing idle agent connection serverId="b"/);
      expect(pinging.readyState).toBe(pinging.OPEN);
    } finally {
      clearInterval(timer);
      pinging.terminate();
      await dashboard.stop();
    }
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('on %s closes every socket with 1001 and exits 0', async (signal) => {
    const dashboard = await DashboardProcess.start({ servers: SERVERS });
    const agent = agentSocket(dashboard.url(REPORT_PATH), 'a', 'sa');
    await opened(agent);
    agent.send(JSON.stringify(exampleServerInfo({ serverId: 'a' })));
    const frontend = await new FrontendClient(dashboard.url(FRONTEND_PATH)).open();
    await frontend.waitFor((m) => m.serverId === 'a');
    const agentClosed = closed(agent);
    const frontendClosed = closed(frontend.ws);
    const exit = await dashboard.stop(signal);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(dashboard.logs).toMatch(/\] stopped$/m);
    expect(dashboard.logs).not.toMatch(/shutdown deadline passed/); // it closed everything, not its 5 s deadline
    expect(await agentClosed).toEqual({ code: CloseCode.GOING_AWAY, reason: CloseReason.SHUTDOWN });
    expect(await frontendClosed).toEqual({ code: CloseCode.GOING_AWAY, reason: CloseReason.SHUTDOWN });
  });

  it('answers /healthz and /readyz', async () => {
    const dashboard = await DashboardProcess.start({ servers: SERVERS });
    try {
      for (const path of ['/healthz', '/readyz']) {
        const res = await fetch(dashboard.url(path, 'http'));
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ status: path === '/healthz' ? 'ok' : 'ready' });
      }
    } finally {
      await dashboard.stop();
    }
  });

  it('is alive but not ready while its database cannot be opened', async () => {
    // Port 1 on loopback: nothing listens there, every connection is refused.
    const dashboard = await DashboardProcess.start({ servers: SERVERS, env: { SSS_STORAGE_URL: 'postgresql://sss@127.0.0.1:1/sss' } });
    try {
      expect((await fetch(dashboard.url('/healthz', 'http'))).status).toBe(200);
      const res = await fetch(dashboard.url('/readyz', 'http'));
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'not ready' });
      expect(dashboard.logs).toMatch(/storage not open yet/);
    } finally {
      await dashboard.stop();
    }
  });

  it('writes JSON log lines when SSS_LOG_FORMAT=json', async () => {
    const dashboard = await DashboardProcess.start({ servers: SERVERS, env: { SSS_LOG_FORMAT: 'json' } });
    const ws = agentSocket(dashboard.url(REPORT_PATH), 'a', 'wrong');
    await closed(ws);
    await dashboard.waitForLog(/authentication failed/);
    await dashboard.stop();
    const lines = dashboard.logs
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.msg === 'agent authentication failed')).toMatchObject({
      level: 'warn',
      claimedId: 'a',
    });
    // Each line names the component that wrote it (which one is the code's business).
    expect(lines.every((l) => typeof l.context === 'string')).toBe(true);
    expect(lines.every((l) => typeof l.time === 'string' && typeof l.level === 'string')).toBe(true);
  });

  describe('a broken configuration stops the process with exit code 2, naming the key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sss-badconfig-'));
    it.each([
      ['bad YAML', 'port: [8900\n', {}, /config: .*\.yaml: not valid YAML/],
      [
        'a duplicate id',
        'servers:\n  - { id: a, secret: x }\n  - { id: a, secret: y }\n',
        {},
        /config: servers\[1\]\.id: duplicate id "a"/,
      ],
      ['a bad env value', 'port: 0\n', { SSS_IDLE_TIMEOUT_SECONDS: 'soon' }, /config: idleTimeoutSeconds: must be an integer/],
    ])('%s', async (name, yaml, env, message) => {
      const file = join(dir, `${name.replace(/\W/g, '-')}.yaml`);
      writeFileSync(file, yaml);
      await expect(DashboardProcess.spawn(['--config', file], env)).rejects.toThrow(new RegExp(`exited \\(code 2\\)[^]*${message.source}`));
    });

    it('a missing file', async () => {
      await expect(DashboardProcess.spawn(['--config', join(dir, 'nope.yaml')])).rejects.toThrow(
        /exited \(code 2\)[^]*config: .*nope\.yaml: file not found/,
      );
    });

    it('an unknown flag, with the flag it probably meant', async () => {
      await expect(DashboardProcess.spawn(['--confg', join(dir, 'x.yaml')])).rejects.toThrow(
        /exited \(code 2\)[^]*config: --confg: unknown flag, did you mean --config\? \(see --help\)/,
      );
    });
  });

  it('answers --help and --version from any directory without starting, and without reading the config', () => {
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const run = (...args: string[]) =>
      execFileSync(process.execPath, [DASHBOARD_MAIN, ...args], {
        cwd: tmpdir(),
        env: { ...cleanEnv(), SSS_CONFIG: '/nonexistent.yaml' },
      }).toString();
    expect(run('--version')).toBe(`sss-dashboard ${version}\n`);
    const help = run('--help', '--config', '/nonexistent.yaml');
    expect(help).toMatch(/^Usage: sss-dashboard \[--config FILE\]\n/);
    expect(help).toMatch(new RegExp(`\\n\\nsss-dashboard ${version.replace(/\./g, '\\.')}\\n$`));
    expect(help).not.toMatch(/listening/);
  });
});
