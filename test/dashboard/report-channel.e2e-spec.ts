import { CloseCode, CloseReason, exampleServerInfo, FRONTEND_PATH, REPORT_PATH } from '@sss/contracts';
import { DashboardProcess } from '../support/dashboard-process';
import { agentSocket, closed, FrontendClient, opened, sleep } from '../support/ws-clients';

const SERVERS = [
  { id: 'web-1', secret: 'secret-one', name: 'Configured Name', group: 'production' },
  { id: 'db-1', secret: 'secret-two' },
  // One id per invalid-input case: warnings are rate-limited per server.
  ...[0, 1, 2, 3].map((i) => ({ id: `case-${i}`, secret: 'case-secret' })),
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

  describe('bad input', () => {
    async function connected(id = 'db-1', secret = 'secret-two') {
      const ws = agent(id, secret);
      await opened(ws);
      return ws;
    }

    it('closes with 1003 on a binary frame', async () => {
      const ws = await connected();
      ws.send(Buffer.from(report('db-1')), { binary: true });
      expect(await closed(ws)).toEqual({ code: CloseCode.UNSUPPORTED_DATA, reason: CloseReason.BINARY });
    });

    it('closes with 1009 on a frame over maxMessageBytes, and the next connection works', async () => {
      const f = await frontend();
      const ws = await connected();
      ws.send(report('db-1', { location: 'x'.repeat(5000) }));
      expect((await closed(ws)).code).toBe(CloseCode.MESSAGE_TOO_BIG);
      await dashboard.waitForLog(/socket error path="\/ws-report" error="Max payload size exceeded/);
      const again = await connected();
      again.send(report('db-1', { ip: '10.9.9.9' }));
      await f.waitFor((m) => m.serverId === 'db-1' && m.ip === '10.9.9.9');
      again.close();
      f.close();
    });

    it.each([
      ['text that is not JSON', 0, () => 'hello {', /not JSON/],
      ['JSON that is not an object', 1, () => '[1,2,3]', /must be a JSON object/],
      [
        'a report failing validation',
        2,
        (id: string) => report(id, { cpu: { percent: 250, cores: 4, modelName: 'm' } }),
        /cpu\.percent: must not be greater than 100/,
      ],
      ['a report missing a field', 3, (id: string) => JSON.stringify({ ...JSON.parse(report(id)), memory: undefined }), /memory: /],
    ])('drops %s, logs why, and keeps the connection', async (_, i, frame, logged) => {
      const id = `case-${i}`;
      const f = await frontend();
      const ws = await connected(id, 'case-secret');
      ws.send(frame(id));
      await dashboard.waitForLog(new RegExp(`invalid report dropped serverId="${id}".*${logged.source}`));
      ws.send(report(id, { location: 'still here' }));
      await f.waitFor((m) => m.serverId === id && m.location === 'still here');
      expect(f.messages.filter((m) => m.serverId === id)).toHaveLength(1); // the bad frame was never broadcast
      expect(ws.readyState).toBe(ws.OPEN);
      ws.close();
      await closed(ws);
      f.close();
    });

    it('rate-limits the warnings for a flood of bad frames', async () => {
      const ws = await connected('web-1', 'secret-one');
      const before = (dashboard.logs.match(/invalid report dropped serverId="web-1"/g) ?? []).length;
      for (let i = 0; i < 50; i++) ws.send(`garbage ${i}`);
      ws.send(report('web-1', { location: 'after flood' }));
      const f = await frontend();
      await f.waitFor((m) => m.location === 'after flood');
      const after = (dashboard.logs.match(/invalid report dropped serverId="web-1"/g) ?? []).length;
      expect(after - before).toBeLessThanOrEqual(1);
      ws.close();
      f.close();
    });

    it('closes with 1008 when the body serverId differs from X-SERVER-ID, storing nothing', async () => {
      const f = await frontend();
      const ws = await connected('web-1', 'secret-one');
      ws.send(report('db-1', { location: 'spoofed' }));
      expect(await closed(ws)).toEqual({ code: CloseCode.POLICY_VIOLATION, reason: CloseReason.ID_MISMATCH });
      await sleep(100);
      expect(f.messages.some((m) => m.location === 'spoofed')).toBe(false);
      f.close();
    });
  });

  it('replaces an older connection for the same id with 1000, ignoring the old one afterwards', async () => {
    const f = await frontend();
    const first = agent('web-1', 'secret-one');
    await opened(first);
    const firstClosed = closed(first);
    const second = agent('web-1', 'secret-one');
    await opened(second);
    expect(await firstClosed).toEqual({ code: CloseCode.NORMAL, reason: CloseReason.REPLACED });
    second.send(report('web-1', { location: 'newer' }));
    const got = await f.waitFor((m) => m.location === 'newer');
    expect(got.online).toBe(true);
    await sleep(100);
    // Closing the replaced socket must not mark the server offline.
    expect(f.messages.filter((m) => m.serverId === 'web-1').at(-1)?.online).toBe(true);
    second.close();
    f.close();
  });
});
