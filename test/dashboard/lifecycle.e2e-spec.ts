import { CloseCode, CloseReason, exampleServerInfo, FRONTEND_PATH, REPORT_PATH } from '@sss/contracts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DashboardProcess } from '../support/dashboard-process';
import { agentSocket, closed, FrontendClient, opened, sleep } from '../support/ws-clients';

const SERVERS = [
  { id: 'a', secret: 'sa' },
  { id: 'b', secret: 'sb' },
];

describe('dashboard lifecycle', () => {
  it('closes an agent connection that sends nothing for idleTimeoutSeconds, but not one that pings', async () => {
    const dashboard = await DashboardProcess.start({ servers: SERVERS, config: { idleTimeoutSeconds: 1 } });
    try {
      const silent = agentSocket(dashboard.url(REPORT_PATH), 'a', 'sa');
      const pinging = agentSocket(dashboard.url(REPORT_PATH), 'b', 'sb');
      await Promise.all([opened(silent), opened(pinging)]);
      const timer = setInterval(() => pinging.ping(), 300);
      const openedAt = Date.now();
      expect(await closed(silent, 5_000)).toEqual({ code: CloseCode.NORMAL, reason: CloseReason.IDLE });
      expect(Date.now() - openedAt).toBeGreaterThanOrEqual(1_000);
      await sleep(1_500);
      expect(pinging.readyState).toBe(pinging.OPEN);
      clearInterval(timer);
      pinging.terminate();
    } finally {
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
    const started = Date.now();
    const exit = await dashboard.stop(signal);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(5_000);
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

  it('writes JSON log lines when SSS_LOG_FORMAT=json', async () => {
    const dashboard = await DashboardProcess.start({ servers: SERVERS, env: { SSS_LOG_FORMAT: 'json' } });
    const ws = agentSocket(dashboard.url(REPORT_PATH), 'a', 'wrong');
    await closed(ws);
    await dashboard.waitForLog(/authentication failed/);
    await dashboard.stop();
    const lines = dashboard.logs
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.find((l) => l.msg === 'agent authentication failed')).toMatchObject({
      level: 'warn',
      context: 'AgentSessions',
      claimedId: 'a',
    });
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
  });
});
