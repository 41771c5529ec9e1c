import { hostname } from 'node:os';
import { FRONTEND_PATH, parseServerInfo, REPORT_PATH } from '@sss/contracts';
import { DashboardProcess } from '../support/dashboard-process';
import { FrontendClient } from '../support/ws-clients';
import { AgentProcess } from './support/agent-process';
import { TestWsServer } from './support/test-ws-server';

const SECRET = 'e2e-agent-secret-value';

describe('the built agent against the real dashboard', () => {
  let dashboard: DashboardProcess;
  const agents: AgentProcess[] = [];
  const agent = (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const a = AgentProcess.start(args, env);
    agents.push(a);
    return a;
  };

  beforeAll(async () => {
    dashboard = await DashboardProcess.start({ servers: [{ id: 'this-host', secret: SECRET, group: 'e2e' }] });
  }, 30_000);
  afterEach(async () => {
    await Promise.all(agents.splice(0).map((a) => a.stop()));
  });
  afterAll(async () => {
    await dashboard.stop();
  });

  it("delivers this host's report to a frontend client", async () => {
    const frontend = await new FrontendClient(dashboard.url(FRONTEND_PATH)).open();
    const a = agent(['--server', dashboard.url(REPORT_PATH), '--id', 'this-host', '--interval', '1'], { SSS_AGENT_SECRET: SECRET });
    const got = await frontend.waitFor((m) => m.serverId === 'this-host', 15_000);
    expect(got).toMatchObject({ serverName: hostname(), group: 'e2e', online: true, system: { hostname: hostname(), os: 'linux' } });
    const { online, lastSeen, ...report } = got;
    expect(parseServerInfo(JSON.stringify(report)).ok).toBe(true);
    expect(got.disk.some((d) => d.path === '/')).toBe(true);
    expect(got.timestamp).toBeGreaterThan(Date.now() / 1000 - 10);
    // Reports keep coming at the interval.
    await frontend.waitFor((m) => m.serverId === 'this-host' && m.timestamp >= got.timestamp + 2, 10_000);
    frontend.close();
    expect(a.logs).toMatch(/INFO .*\[transport\] connected/);
    expect(a.logs + dashboard.logs).not.toContain(SECRET);
  }, 40_000);

  it('logs a refused secret as an error with a hint and keeps retrying', async () => {
    const a = agent(['--server', dashboard.url(REPORT_PATH), '--id', 'this-host', '--secret', 'wrong-secret']);
    await a.waitForLog(/ERROR \[transport\] dashboard refused this agent code=1008 .*hint=/, 15_000);
    expect(a.proc.exitCode).toBeNull();
    expect(a.logs).not.toContain('wrong-secret');
  }, 30_000);
});

describe('the built agent process', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'closes with 1001 and exits 0 on %s',
    async (signal) => {
      const server = await TestWsServer.start();
      const a = AgentProcess.start(['--server', server.url(), '--id', 'web-1', '--secret', 's']);
      try {
        const conn = await server.withMessages(0, 1, 15_000);
        expect(conn.headers).toMatchObject({ 'x-auth-secret': 's', 'x-server-id': 'web-1' });
        expect(await a.stop(signal)).toEqual({ code: 0, signal: null });
        expect(await conn.closed).toEqual({ code: 1001, reason: 'agent shutting down' });
      } finally {
        await a.stop('SIGKILL');
        await server.close();
      }
    },
    30_000,
  );

  it('stops with exit code 2 and the key on a bad config', async () => {
    const a = AgentProcess.start(['--server', 'ws://127.0.0.1:1', '--id', 'bad id!', '--secret', 'never-printed']);
    expect((await a.exited).code).toBe(2);
    expect(a.logs).toMatch(/ERROR \[agent\] config: id: must match/);
    expect(a.logs).not.toContain('never-printed');
  }, 20_000);

  it('prints --help without any secret, even when one is configured', async () => {
    const a = AgentProcess.start(['--help', '--secret', 'never-printed'], { SSS_AGENT_SECRET: 'never-printed-either' });
    expect((await a.exited).code).toBe(0);
    expect(a.logs).toContain('--secret-file PATH');
    expect(a.logs).not.toMatch(/never-printed/);
  }, 20_000);
});
