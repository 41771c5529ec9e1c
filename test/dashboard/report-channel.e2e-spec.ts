import { CloseCode, CloseReason, exampleServerInfo, FRONTEND_PATH, REPORT_PATH } from '@sss/contracts';
import { DashboardProcess } from '../support/dashboard-process';
import { agentSocket, closed, FrontendClient, opened, sleep } from '../support/ws-clients';

const SERVERS = [
  { id: 'web-1', secret: 'secret-one', name: 'Configured Name', group: 'production' },
  { id: 'db-1', secret: 'secret-two' },
];

describe('/ws-report against a real dashboard', () => {
  let dashboard: DashboardProcess;
  const report = (id: string, extra: object = {}) => JSON.stringify(exampleServerInfo({ serverId: id, ...extra }));
  const agent = (id?: string, secret?: string) => agentSocket(dashboard.url(REPORT_PATH), id, secret);
  const frontend = () => new FrontendClient(dashboard.url(FRONTEND_PATH)).open();

  beforeAll(async () => {
    dashboard = await DashboardProcess.start({ servers: SERVERS, config: { maxMessageBytes: 4096 } });
  });
  afterAll(async () => {
    await dashboard.stop();
  });

  it('delivers an authenticated report to every frontend, with config names winning', async () => {
    const [a, b] = await Promise.all([frontend(), frontend()]);
    const ws = agent('web-1', 'secret-one');
    await opened(ws);
    ws.send(report('web-1', { cpu: { percent: 12.5, cores: 4, modelName: 'm' }, group: 'agent-group', countryCode: 'DE' }));
    for (const f of [a, b]) {
      const got = await f.waitFor((m) => m.serverId === 'web-1' && m.cpu.percent === 12.5);
      expect(got).toMatchObject({ serverName: 'Configured Name', group: 'production', countryCode: 'DE', online: true });
      expect(got.lastSeen).toBeGreaterThan(Date.now() - 10_000);
    }
    ws.close();
    a.close();
    b.close();
  });

  it.each([
    ['a wrong secret', 'web-1', 'wrong'],
    ['a missing secret', 'web-1', undefined],
    ['a missing id', undefined, 'secret-one'],
    ['an unknown id', 'nobody', 'secret-one'],
    ["another server's secret", 'web-1', 'secret-two'],
  ])('closes with 1008 on %s, and stores nothing', async (_, id, secret) => {
    const f = await frontend();
    const ws = agent(id, secret);
    ws.on('open', () => ws.send(report(id ?? 'web-1', { cpu: { percent: 99, cores: 1, modelName: 'intruder' } })));
    expect(await closed(ws)).toEqual({ code: CloseCode.POLICY_VIOLATION, reason: CloseReason.AUTH_FAILED });
    await sleep(100);
    expect(f.messages.some((m) => m.cpu.modelName === 'intruder')).toBe(false);
    f.close();
  });

  it('logs auth failures with the address and claimed id but never the secret', async () => {
    const ws = agent('web-1', 'leaky-secret-value');
    await closed(ws);
    const line = await dashboard.waitForLog(/.*authentication failed.*claimedId="web-1".*/);
    expect(line[0]).toContain('127.0.0.1');
    expect(dashboard.logs).not.toContain('leaky-secret-value');
    expect(dashboard.logs).not.toContain('secret-one');
  });
});
