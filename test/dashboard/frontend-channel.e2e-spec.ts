import { CloseCode, exampleServerInfo, FRONTEND_PATH, REPORT_PATH } from '@sss/contracts';
import WebSocket from 'ws';
import { DashboardProcess } from '../support/dashboard-process';
import { agentSocket, closed, FrontendClient, opened, withTimeout } from '../support/ws-clients';

const SERVERS = ['a', 'b', 'c', 'd'].map((id) => ({ id, secret: `secret-${id}` }));

describe('/ws-frontend against a real dashboard', () => {
  let dashboard: DashboardProcess;
  const agents: WebSocket[] = [];

  async function reportingAgent(id: string, extra: object = {}): Promise<WebSocket> {
    const ws = agentSocket(dashboard.url(REPORT_PATH), id, `secret-${id}`);
    agents.push(ws);
    await opened(ws);
    ws.send(JSON.stringify(exampleServerInfo({ serverId: id, ...extra })));
    return ws;
  }
  const frontend = () => new FrontendClient(dashboard.url(FRONTEND_PATH)).open();

  beforeAll(async () => {
    dashboard = await DashboardProcess.start({
      servers: SERVERS,
      config: { offlineAfterSeconds: 1, frontendMaxBufferedBytes: 65536 },
    });
  });
  afterAll(async () => {
    agents.forEach((a) => a.terminate());
    await dashboard.stop();
  });

  it('sends the snapshot of every known server first to a new client', async () => {
    const watcher = await frontend();
    await reportingAgent('a', { location: 'snap-a' });
    await reportingAgent('b', { location: 'snap-b' });
    await watcher.waitFor((m) => m.location === 'snap-b');
    await watcher.waitFor((m) => m.location === 'snap-a');

    const late = new FrontendClient(dashboard.url(FRONTEND_PATH));
    await late.waitFor((m) => m.serverId === 'b');
    await late.waitFor((m) => m.serverId === 'a');
    const firstTwo = late.messages.slice(0, 2).map((m) => [m.serverId, m.location, m.online]);
    expect(firstTwo).toEqual(
      expect.arrayContaining([
        ['a', 'snap-a', true],
        ['b', 'snap-b', true],
      ]),
    );
    // Only the two fields the protocol allows are added.
    expect(Object.keys(late.messages[0]).sort()).toEqual([...Object.keys(exampleServerInfo()), 'online', 'lastSeen'].sort());
    watcher.close();
    late.close();
  });

  it('re-sends a silent server with online:false after the threshold, keeping its values', async () => {
    const f = await frontend();
    const ws = await reportingAgent('c', { location: 'silent' });
    const online = await f.waitFor((m) => m.serverId === 'c' && m.online);
    const offline = await f.waitFor((m) => m.serverId === 'c' && !m.online, 5_000);
    expect(offline.lastSeen).toBe(online.lastSeen);
    expect(offline.lastSeen).toBeLessThanOrEqual(Date.now() - 1_000);
    expect(offline).toMatchObject({ location: 'silent', cpu: online.cpu });
    expect(ws.readyState).toBe(WebSocket.OPEN); // silence alone does not close the socket
    ws.terminate();
    f.close();
  });

  it('re-sends a server with online:false as soon as its connection is lost', async () => {
    const f = await frontend();
    const ws = await reportingAgent('d', { location: 'leaving' });
    await f.waitFor((m) => m.serverId === 'd' && m.online);
    const lostAt = Date.now();
    ws.terminate();
    await f.waitFor((m) => m.serverId === 'd' && !m.online, 900); // sooner than the 1 s threshold
    expect(Date.now() - lostAt).toBeLessThan(900);
    f.close();
  });

  it('disconnects a client that stops reading instead of buffering for it without limit', async () => {
    const fast = await frontend();
    const slow = new WebSocket(dashboard.url(FRONTEND_PATH));
    await opened(slow);
    const slowClosed = closed(slow, 20_000);
    (slow as unknown as { _socket: { pause(): void } })._socket.pause(); // stop reading from the TCP socket

    // Big reports (~13 KB each) until the slow client's buffer passes 64 KiB beyond what the kernel holds.
    const ws = await reportingAgent('a');
    const disks = Array.from({ length: 64 }, (_, i) => ({ ...exampleServerInfo().disk[0], path: `/mnt/${'d'.repeat(150)}${i}` }));
    const dropped = () => dashboard.logs.includes('dropping slow frontend client');
    let sent = 0;
    await withTimeout(
      (async () => {
        while (!dropped() && sent < 5_000) {
          ws.send(JSON.stringify(exampleServerInfo({ serverId: 'a', disk: disks, timestamp: sent++ })));
          if (sent % 20 === 0) await new Promise((r) => setTimeout(r, 20)); // let the dashboard log
        }
      })(),
      25_000,
      'slow client to be dropped',
    );
    expect(dropped()).toBe(true);
    (slow as unknown as { _socket: { resume(): void } })._socket.resume();
    expect([CloseCode.TRY_AGAIN_LATER, 1006]).toContain((await slowClosed).code);
    // The reading client kept receiving everything.
    await fast.waitFor((m) => m.serverId === 'a' && m.timestamp === sent - 1, 10_000);
    fast.close();
  }, 60_000);

  it('closes a client that sends a frame over the size limit, logs it, and serves the others on', async () => {
    const other = await frontend();
    const rude = new WebSocket(dashboard.url(FRONTEND_PATH));
    await opened(rude);
    rude.send('x'.repeat(70_000)); // over the default 64 KiB
    expect((await closed(rude)).code).toBe(CloseCode.MESSAGE_TOO_BIG);
    await dashboard.waitForLog(/socket error path="\/ws-frontend" error="Max payload size exceeded/);
    await reportingAgent('c', { location: 'after the rude client' });
    await other.waitFor((m) => m.serverId === 'c' && m.location === 'after the rude client');
    other.close();
  });
});
