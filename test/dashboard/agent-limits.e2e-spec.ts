import { API_PATHS, CloseCode, exampleServerInfo, FRONTEND_PATH, REPORT_PATH, type StatsResponse } from '@sss/contracts';
import { connect, type Socket } from 'node:net';
import WebSocket from 'ws';
import { DashboardProcess } from '../support/dashboard-process';
import { closed, FrontendClient, opened, until, upgradeStatus, withTimeout } from '../support/ws-clients';

/**
 * The /ws-report limits (README "Limits") against a real dashboard. Each
 * attack comes from a loopback address of its own (all of 127.0.0.0/8 is
 * this host), the legitimate agents from 127.0.0.2: a blocked attacker must
 * not block them.
 */
const GOOD = '127.0.0.2';
const SERVERS = ['good-1', 'good-2', 'good-3', 'good-4'].map((id) => ({ id, secret: `secret-of-${id}` }));

describe('/ws-report limits against a real dashboard', () => {
  let dashboard: DashboardProcess;
  const open: WebSocket[] = [];

  const goodAgent = async (id: string): Promise<WebSocket> => {
    const ws = new WebSocket(dashboard.url(REPORT_PATH), {
      headers: { 'X-SERVER-ID': id, 'X-AUTH-SECRET': `secret-of-${id}` },
      localAddress: GOOD,
    });
    open.push(ws);
    await opened(ws);
    return ws;
  };
  const closeAll = async () => {
    const closing = open.splice(0).filter((ws) => ws.readyState !== WebSocket.CLOSED);
    closing.forEach((ws) => ws.close());
    await Promise.all(closing.map((ws) => closed(ws)));
  };
  const stats = async () => (await (await fetch(dashboard.url(API_PATHS.stats, 'http'))).json()) as StatsResponse;

  beforeAll(async () => {
    dashboard = await DashboardProcess.start({
      servers: SERVERS,
      config: { limits: { agentConnections: 3, reportsPerSecond: 5, handshakeTimeoutSeconds: 2 } },
    });
  });
  afterEach(closeAll);
  afterAll(() => dashboard.stop());

  it('refuses 2,000 bad authentications from one address in a few log lines, blocks it, and a good agent still connects meanwhile', async () => {
    const frontend = await new FrontendClient(dashboard.url(FRONTEND_PATH)).open();
    const outcomes = new Map<string, number>();
    const count = (what: string) => outcomes.set(what, (outcomes.get(what) ?? 0) + 1);
    /** One bad authentication: closed with 1008, or refused before the upgrade with a status; the first outcome counts. */
    const attempt = () =>
      new Promise<void>((res) => {
        const ws = new WebSocket(dashboard.url(REPORT_PATH), {
          headers: { 'X-SERVER-ID': 'good-1', 'X-AUTH-SECRET': 'guessed-secret' },
          localAddress: '127.0.0.5',
        });
        let settled = false;
        const settle = (what: string) => {
          if (settled) return;
          settled = true;
          count(what);
          res();
        };
        ws.once('close', (code) => settle(String(code)));
        ws.once('unexpected-response', (_req, response) => {
          settle(String(response.statusCode));
          ws.terminate(); // emits an 'error' of its own: the outcome is settled already
        });
        ws.on('error', (err) => settle(`error: ${err.message}`));
      });
    let sent = 0;
    const flood = Promise.all(
      Array.from({ length: 50 }, async () => {
        while (sent < 2_000) {
          sent++;
          await attempt();
        }
      }),
    );
    // Midway, a legitimate agent connects and reports.
    await until(
      () => Promise.resolve(sent),
      (n) => n >= 500,
      'the flood to be under way',
      30_000,
    );
    const good = await goodAgent('good-1');
    good.send(JSON.stringify(exampleServerInfo({ serverId: 'good-1', location: 'during the flood' })));
    await frontend.waitFor((m) => m.serverId === 'good-1' && m.location === 'during the flood', 15_000);
    await withTimeout(flood, 60_000, 'the flood');
    frontend.close();

    const failed = outcomes.get(String(CloseCode.POLICY_VIOLATION)) ?? 0;
    expect([...outcomes.keys()].sort()).toEqual(['1008', '429']);
    // limits.authFailures is 20: then the address is blocked (a few already admitted may still fail after it).
    expect(failed).toBeGreaterThanOrEqual(20);
    expect(failed).toBeLessThanOrEqual(25);
    expect(outcomes.get('429')).toBe(2_000 - failed);
    expect(dashboard.countLog(/address blocked after repeated authentication failures remote="127\.0\.0\.5" failures=20/)).toBe(1);
    // A bounded handful of lines, not one per attempt: one failure line per address every 10 s, refusals likewise per reason.
    expect(dashboard.countLog(/agent authentication failed/)).toBeLessThanOrEqual(3);
    expect(dashboard.countLog(/upgrade refused/)).toBeLessThanOrEqual(6);
    const { rejects } = await stats();
    expect(rejects.authentication).toBe(failed);
    expect(rejects['address-limit']).toBe(2_000 - failed);
  }, 90_000);

  it('takes no agent connection beyond the cap (503), and takes one again once a connection ends', async () => {
    const agents = [await goodAgent('good-1'), await goodAgent('good-2'), await goodAgent('good-3')];
    const headers = { 'X-SERVER-ID': 'good-4', 'X-AUTH-SECRET': 'secret-of-good-4' };
    expect(await upgradeStatus(dashboard.url(REPORT_PATH), { headers, localAddress: GOOD })).toBe(503);
    agents[0].close();
    await closed(agents[0]);
    await until(
      async () => (await stats()).agents,
      (n) => n === 2,
      'the closed agent to be gone',
    );
    expect(await upgradeStatus(dashboard.url(REPORT_PATH), { headers, localAddress: GOOD })).toBe(101);
    expect((await stats()).rejects['connection-cap']).toBe(1);
  });

  it('cuts a thousand connections that never finish their upgrade, while a good agent connects and reports', async () => {
    const halfOpen: Socket[] = [];
    let cut = 0;
    await Promise.all(
      Array.from(
        { length: 1_000 },
        () =>
          new Promise<void>((res, rej) => {
            const socket = connect({ host: '127.0.0.1', port: dashboard.port, localAddress: '127.0.0.6' }, () => {
              socket.write(`GET ${REPORT_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n`); // and never the rest
              res();
            });
            socket.on('error', () => undefined); // a reset when the dashboard cuts it
            socket.on('close', () => cut++);
            socket.once('error', rej);
            halfOpen.push(socket);
          }),
      ),
    );
    const frontend = await new FrontendClient(dashboard.url(FRONTEND_PATH)).open();
    const good = await goodAgent('good-2');
    good.send(JSON.stringify(exampleServerInfo({ serverId: 'good-2', location: 'among half-open upgrades' })));
    await frontend.waitFor((m) => m.serverId === 'good-2' && m.location === 'among half-open upgrades');
    frontend.close();
    // limits.handshakeTimeoutSeconds is 2; Node's own headersTimeout would take a minute or more.
    await until(
      () => Promise.resolve(cut),
      (n) => n === 1_000,
      'the dashboard to cut every half-open upgrade',
      20_000,
    );
    halfOpen.forEach((s) => s.destroy());
  }, 40_000);

  it('drops reports beyond the per-agent rate, counts them, and keeps the connection', async () => {
    const frontend = await new FrontendClient(dashboard.url(FRONTEND_PATH)).open();
    const ws = await goodAgent('good-3');
    for (let i = 0; i < 100; i++) ws.send(JSON.stringify(exampleServerInfo({ serverId: 'good-3', timestamp: i })));
    await until(
      async () => (await stats()).rejects['report-rate'],
      (n) => n >= 90,
      'the excess to be counted',
    );
    expect((await stats()).rejects['report-rate']).toBeLessThanOrEqual(95); // a burst of 5 is accepted
    // One second later the agent may report again.
    await new Promise((r) => setTimeout(r, 1_200));
    ws.send(JSON.stringify(exampleServerInfo({ serverId: 'good-3', timestamp: 1_000 })));
    await frontend.waitFor((m) => m.serverId === 'good-3' && m.timestamp === 1_000);
    const relayed = frontend.messages.filter((m) => m.serverId === 'good-3' && m.timestamp < 100);
    expect(relayed.length).toBeGreaterThanOrEqual(5);
    expect(relayed.length).toBeLessThanOrEqual(10);
    expect(ws.readyState).toBe(WebSocket.OPEN);
    await dashboard.waitForLog(/WARN .*reports over the rate limit dropped serverId="good-3"/);
    frontend.close();
  });
});
