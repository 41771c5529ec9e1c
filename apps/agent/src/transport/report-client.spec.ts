import { exampleServerInfo } from '@sss/contracts';
import { Log } from '@sss/log';
import { LogLines, TestWsServer } from '../../../../test/agent/support/test-ws-server';
import { Backoff } from './backoff';
import { ReportClient, type ReportClientOptions } from './report-client';

const report = (n: number) => exampleServerInfo({ serverId: 'web-1', timestamp: n });
const fast = { initialMs: 40, factor: 1.2, maxMs: 80 };

describe('ReportClient against a real WebSocket server', () => {
  let server: TestWsServer;
  let client: ReportClient | undefined;
  let logs: LogLines;

  function start(options: Partial<ReportClientOptions> = {}): ReportClient {
    logs = new LogLines();
    client = new ReportClient({
      url: options.url ?? server.url(),
      serverId: 'web-1',
      secret: 'the-secret',
      log: new Log('transport', { sink: logs, format: 'text', level: 'debug' }),
      backoff: new Backoff(fast, 0),
      env: {},
      ...options,
    });
    client.start();
    return client;
  }

  beforeEach(async () => {
    server = await TestWsServer.start();
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    await server.close();
  });

  it('sends the auth headers, and the waiting report right after connecting', async () => {
    start().publish(report(1));
    const conn = await server.withMessages(0);
    expect(conn.headers['x-auth-secret']).toBe('the-secret');
    expect(conn.headers['x-server-id']).toBe('web-1');
    expect(JSON.parse(conn.messages[0])).toEqual(report(1));
    expect(logs.text).not.toContain('the-secret');
  });

  it('keeps only the latest report while disconnected', async () => {
    const port = server.port;
    await server.close();
    const c = start({ url: `ws://127.0.0.1:${port}/ws-report` });
    for (let i = 1; i <= 50; i++) c.publish(report(i));
    await new Promise((res) => c.once('retry', res));
    server = await TestWsServer.start({ port });
    const conn = await server.withMessages(0);
    await new Promise((r) => setTimeout(r, 100));
    expect(conn.messages.map((m) => JSON.parse(m).timestamp)).toEqual([50]);
  });

  it('pings every pingIntervalMs', async () => {
    start({ pingIntervalMs: 100 });
    const conn = await server.until(() => server.connections[0]);
    await server.until(() => conn.pings.length >= 5, 3_000, '5 pings');
    const gaps = conn.pings.slice(1).map((t, i) => t - conn.pings[i]);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(80);
    expect(conn.pings[0] - conn.at).toBeGreaterThanOrEqual(80); // no report yet, so no confirmation ping
  });

  it('terminates and reconnects when no pong arrives within pongTimeoutMs', async () => {
    await server.close();
    server = await TestWsServer.start({ autoPong: false });
    const c = start({ pingIntervalMs: 50, pongTimeoutMs: 200 });
    const first = await server.until(() => server.connections[0]);
    const closedAt = new Promise<number>((res) => c.once('close', () => res(Date.now())));
    await server.until(() => server.connections.length >= 2, 3_000, 'a reconnect');
    expect((await first.closed).code).toBe(1006);
    expect((await closedAt) - first.pings[0]).toBeGreaterThanOrEqual(190);
    expect(logs.text).toMatch(/WARN .*no pong from the dashboard; reconnecting/);
  });

  it('retries a 1008 with the growing backoff, logging an error with a hint', async () => {
    await server.close();
    server = await TestWsServer.start();
    server.wss.on('connection', (ws) => ws.close(1008, 'authentication failed'));
    const c = start();
    c.publish(report(1));
    const delays: number[] = [];
    c.on('retry', (d: number) => delays.push(d));
    await server.until(() => server.connections.length >= 6, 5_000, '6 attempts');
    expect(delays.slice(0, 5)).toEqual([40, 48, 58, 69, 80]);
    const at = server.connections.map((x) => x.at);
    for (let i = 1; i < 5; i++) expect(at[i] - at[i - 1]).toBeGreaterThanOrEqual(delays[i - 1] - 5);
    expect(logs.text).toMatch(
      /ERROR \[transport\] dashboard refused this agent code=1008 reason="authentication failed".*hint="the id and secret must match/,
    );
  });

  it('resets the backoff once a connection took a report, not before', async () => {
    let rejectFirst = 3;
    server.wss.on('connection', (ws) => {
      if (rejectFirst-- > 0) ws.close(1008, 'authentication failed');
    });
    const c = start();
    c.on('open', () => c.publish(report(1))); // as the agent does every interval
    const delays: number[] = [];
    c.on('retry', (d: number) => delays.push(d));
    await new Promise((res) => c.once('accepted', res));
    expect(delays).toEqual([40, 48, 58]);
    server.connections[3].ws.terminate();
    await server.until(() => server.connections.length >= 5, 3_000, 'a reconnect');
    expect(delays).toEqual([40, 48, 58, 40]);
  });

  it('closes with 1001 on stop and does not reconnect', async () => {
    const c = start();
    c.publish(report(1));
    const conn = await server.withMessages(0);
    await c.stop();
    expect(await conn.closed).toEqual({ code: 1001, reason: 'agent shutting down' });
    await new Promise((r) => setTimeout(r, 150));
    expect(server.connections).toHaveLength(1);
  });
});
