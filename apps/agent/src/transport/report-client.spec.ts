import { exampleServerInfo, type ServerInfo } from '@sss/contracts';
import { Log } from '@sss/log';
import { fakeTheAgentTimers } from '../../../../test/agent/support/fake-timers';
import { LogLines } from '../../../../test/agent/support/log-lines';
import { TestWsServer } from '../../../../test/agent/support/test-ws-server';
import { AgentCredentials } from './agent-credentials';
import { Backoff } from './backoff';
import { ReportClient, type ReportClientOptions } from './report-client';

const report = (n: number) => exampleServerInfo({ serverId: 'web-1', timestamp: n });
/** A fresh short backoff for each client (a Backoff counts its attempts). */
const fast = () => new Backoff({ initialMs: 40, factor: 1.2, maxMs: 80 }, 0);
const REFUSED =
  /ERROR \[transport\] dashboard refused this agent code=1008 reason="authentication failed".*hint="the id and secret must match a server/;

describe('ReportClient against a real WebSocket server', () => {
  let server: TestWsServer;
  let client: ReportClient | undefined;
  let logs: LogLines;

  /** A client with the defaults the agent's main uses, unless a test overrides one. */
  function start(options: Partial<ReportClientOptions> = {}): ReportClient {
    logs = new LogLines();
    const log = new Log('transport', { sink: logs, format: 'text', level: 'debug' });
    client = new ReportClient({
      serverId: 'web-1',
      credentials: new AgentCredentials({ secret: 'the-secret' }, log),
      log,
      env: {},
      ...options,
      url: options.url ?? server.url(),
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
    jest.useRealTimers();
  });

  it('sends the auth headers, and the waiting report right after connecting', async () => {
    start().publish(report(1));
    const conn = await server.withMessages(0);
    expect(conn.headers['x-auth-secret']).toBe('the-secret');
    expect(conn.headers['x-server-id']).toBe('web-1');
    expect(JSON.parse(conn.messages[0])).toEqual(report(1));
    await logs.waitFor(/INFO .*\] connected/);
    expect(logs.text).not.toContain('the-secret');
  });

  it('logs "connected" only once the dashboard answered the ping that follows the first report', async () => {
    await server.close();
    server = await TestWsServer.start({ autoPong: false });
    start().publish(report(1));
    const conn = await server.withPings(0);
    expect(conn.messages).toHaveLength(1); // the report went out before the ping
    expect(logs.matching(/connected/)).toEqual([]);
    conn.ws.pong();
    await logs.waitFor(/INFO +\[transport\] connected server="ws:\/\/127\.0\.0\.1:\d+\/ws-report"/);
  });

  it('keeps only the latest report while disconnected', async () => {
    const port = server.port;
    await server.close();
    const c = start({ url: `ws://127.0.0.1:${port}/ws-report`, backoff: fast() });
    await logs.waitFor(/WARN .*connection failed code=1006 error=".*ECONNREFUSED/);
    for (let i = 1; i <= 50; i++) c.publish(report(i));
    server = await TestWsServer.start({ port });
    const conn = await server.withMessages(0);
    c.publish(report(51)); // sent after anything queued before it, on the same connection
    await server.withMessages(0, 2);
    expect(conn.messages.map((m) => (JSON.parse(m) as ServerInfo).timestamp)).toEqual([50, 51]);
  });

  it('pings right after its first report, then every 30 s (PROTOCOL.md)', async () => {
    fakeTheAgentTimers();
    start().publish(report(1));
    const conn = await server.withPings(0);
    jest.advanceTimersByTime(29_999);
    client!.publish(report(2)); // arrives after any ping sent before it
    await server.withMessages(0, 2);
    expect(conn.pings).toHaveLength(1);
    jest.advanceTimersByTime(1);
    await server.withPings(0, 2);
    jest.advanceTimersByTime(30_000);
    await server.withPings(0, 3);
    expect(conn.pings).toHaveLength(3);
  });

  it('drops a connection whose pong is 45 s late (PROTOCOL.md), and reconnects', async () => {
    await server.close();
    server = await TestWsServer.start({ autoPong: false });
    fakeTheAgentTimers();
    start({ backoff: fast() }).publish(report(1));
    const first = await server.withPings(0);
    jest.advanceTimersByTime(44_999); // the ping at 30 s does not move the deadline of the first one
    client!.publish(report(2));
    await server.withMessages(0, 2); // still open
    expect(first.pings).toHaveLength(2);
    jest.advanceTimersByTime(1);
    expect((await first.closed).code).toBe(1006);
    await logs.waitFor(/WARN .*no pong from the dashboard; reconnecting timeoutSeconds=45/);
    await logs.waitFor(/WARN .*connection failed code=1006 retryInSeconds=0/);
    jest.advanceTimersByTime(40);
    await server.withMessages(1); // the latest report again, on the new connection
  });

  it('logs a refusal right after the upgrade as one error line with a hint, and retries on the protocol schedule', async () => {
    server.wss.on('connection', (ws) => ws.close(1008, 'authentication failed'));
    fakeTheAgentTimers();
    start({ backoff: new Backoff(undefined, 0) }).publish(report(1));
    await logs.waitFor(REFUSED);
    expect(logs.lines).toHaveLength(1);
    expect(logs.lines[0]).toMatch(/retryInSeconds=3 id="web-1"/);
    // 3 s, then x 1.2 each time: after each wait the next attempt is made and refused.
    for (const [attempt, waitMs, next] of [
      [2, 3_000, 3.6],
      [3, 3_600, 4.3],
      [4, 4_320, 5.2],
    ]) {
      jest.advanceTimersByTime(waitMs);
      await server.until(() => server.connections.length >= attempt, 10_000, `attempt ${attempt}`);
      expect((await logs.waitFor(REFUSED, attempt))[attempt - 1]).toContain(`retryInSeconds=${next} `);
    }
    expect(logs.matching(/connected/)).toEqual([]);
    expect(logs.lines).toHaveLength(4);
  });

  it('resets the backoff to 3 s once a connection was accepted, not merely opened', async () => {
    let refuse = 2;
    server.wss.on('connection', (ws) => {
      if (refuse-- > 0) ws.close(1008, 'authentication failed');
    });
    fakeTheAgentTimers();
    start({ backoff: new Backoff(undefined, 0) }).publish(report(1));
    await logs.waitFor(REFUSED);
    jest.advanceTimersByTime(3_000);
    const [, second] = await logs.waitFor(REFUSED, 2);
    expect(second).toContain('retryInSeconds=3.6 '); // opened and took a report, but refused: no reset
    jest.advanceTimersByTime(3_600);
    await logs.waitFor(/INFO .*\] connected/);
    server.connections[2].ws.terminate();
    const [disconnected] = await logs.waitFor(/WARN .*disconnected code=1006/);
    expect(disconnected).toMatch(/retryInSeconds=3$/m);
    jest.advanceTimersByTime(3_000);
    await server.withMessages(3);
  });

  it('closes with 1001 on stop and schedules no reconnect', async () => {
    const c = start();
    c.publish(report(1));
    const conn = await server.withMessages(0);
    await c.stop(); // resolves after the client handled the close, where a reconnect would be scheduled and logged
    expect(await conn.closed).toEqual({ code: 1001, reason: 'agent shutting down' });
    expect(logs.matching(/disconnected|connection failed|retryIn/)).toEqual([]);
  });
});
