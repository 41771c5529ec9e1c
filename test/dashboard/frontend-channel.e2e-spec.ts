import { CloseCode, CloseReason, exampleServerInfo, exampleServerInfoV11, FRONTEND_PATH, REPORT_PATH } from '@sss/contracts';
import WebSocket from 'ws';
import { DashboardProcess } from '../support/dashboard-process';
import { agentSocket, closed, FrontendClient, opened } from '../support/ws-clients';

const SERVERS = ['a', 'b', 'c', 'd', 'v11', 'v10'].map((id) => ({ id, secret: `secret-${id}` }));

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

  it('forwards the optional fields of protocol 1.1 as sent, and an old report without them, live and on connect', async () => {
    const f = await frontend();
    const sentV11 = exampleServerInfoV11({ serverId: 'v11' });
    const sentV10 = exampleServerInfo({ serverId: 'v10' });
    for (const sent of [sentV11, sentV10]) {
      const ws = agentSocket(dashboard.url(REPORT_PATH), sent.serverId, `secret-${sent.serverId}`);
      agents.push(ws);
      await opened(ws);
      ws.send(JSON.stringify(sent));
    }
    const live = await Promise.all([f.waitFor((m) => m.serverId === 'v11'), f.waitFor((m) => m.serverId === 'v10')]);
    const late = new FrontendClient(dashboard.url(FRONTEND_PATH));
    const snapshot = await Promise.all([late.waitFor((m) => m.serverId === 'v11'), late.waitFor((m) => m.serverId === 'v10')]);
    for (const [v11, v10] of [live, snapshot]) {
      const { online, lastSeen, ...relayed } = v11;
      expect(relayed).toStrictEqual(sentV11);
      expect({ online, lastSeen: typeof lastSeen }).toEqual({ online: true, lastSeen: 'number' });
      // The old report gains no key: not even an empty or null 1.1 field.
      expect(Object.keys(v10).sort()).toEqual([...Object.keys(sentV10), 'online', 'lastSeen'].sort());
      expect(v10).toStrictEqual({ ...sentV10, online: true, lastSeen: v10.lastSeen });
    }
    const api = await dashboard.servers();
    expect(api.find((s) => s.serverId === 'v11')).toStrictEqual(live[0]);
    expect(api.find((s) => s.serverId === 'v10')).toStrictEqual(live[1]);
    f.close();
    late.close();
  });

  it('re-sends a silent server with online:false after the threshold, keeping its values', async () => {
    const f = await frontend();
    const ws = await reportingAgent('c', { location: 'silent' });
    const online = await f.waitFor((m) => m.serverId === 'c' && m.online);
    const offline = await f.waitFor((m) => m.serverId === 'c' && !m.online, 15_000);
    expect(offline.lastSeen).toBe(online.lastSeen);
    expect(offline.lastSeen).toBeLessThanOrEqual(Date.now() - 1_000);
    expect(offline).toMatchObject({ location: 'silent', cpu: online.cpu });
    expect(ws.readyState).toBe(WebSocket.OPEN); // silence alone does not close the socket
    ws.terminate();
    f.close();
  });

  it('disconnects a client that stops reading with close 1013, instead of buffering for it without limit', async () => {
    const fast = await frontend();
    const slow = new WebSocket(dashboard.url(FRONTEND_PATH));
    await opened(slow);
    const slowClosed = closed(slow, 30_000);
    slow.pause(); // stops reading from the TCP socket
    // Reading again the moment the dashboard gives up on it: its close frame, queued behind what the client
    // left unread, arrives before the dashboard's 1 s wait for the handshake ends and it cuts the connection.
    let dropped = false;
    const droppedLogged = dashboard.waitForLog(/dropping slow frontend client/, 30_000).then(() => {
      slow.resume();
      dropped = true;
    });

    // Big reports (~13 KB each) until the slow client's buffer passes 64 KiB beyond what the kernel holds.
    const ws = await reportingAgent('a');
    const disks = Array.from({ length: 64 }, (_, i) => ({ ...exampleServerInfo().disk[0], path: `/mnt/${'d'.repeat(150)}${i}` }));
    let sent = 0;
    while (!dropped && sent < 5_000) {
      ws.send(JSON.stringify(exampleServerInfo({ serverId: 'a', disk: disks, timestamp: sent++ })));
      if (sent % 20 === 0) await new Promise((r) => setTimeout(r, 20)); // let the dashboard work and log
    }
    await droppedLogged;
    expect(await slowClosed).toEqual({ code: CloseCode.TRY_AGAIN_LATER, reason: CloseReason.SLOW_CLIENT });
    // The reading client kept receiving everything.
    await fast.waitFor((m) => m.serverId === 'a' && m.timestamp === sent - 1, 15_000);
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

describe('/ws-frontend when an agent connection is lost', () => {
  // An offline threshold no test run reaches: an offline message can only come from the lost connection.
  const OFFLINE_AFTER_SECONDS = 3_600;
  let dashboard: DashboardProcess;

  beforeAll(async () => {
    dashboard = await DashboardProcess.start({ servers: SERVERS, config: { offlineAfterSeconds: OFFLINE_AFTER_SECONDS } });
  });
  afterAll(() => dashboard.stop());

  it('re-sends the server with online:false at once, keeping its values', async () => {
    const f = await new FrontendClient(dashboard.url(FRONTEND_PATH)).open();
    const ws = agentSocket(dashboard.url(REPORT_PATH), 'd', 'secret-d');
    await opened(ws);
    ws.send(JSON.stringify(exampleServerInfo({ serverId: 'd', location: 'leaving' })));
    const online = await f.waitFor((m) => m.serverId === 'd' && m.online);
    ws.terminate();
    const offline = await f.waitFor((m) => m.serverId === 'd' && !m.online, 20_000);
    expect(offline).toEqual({ ...online, online: false });
    f.close();
  });
});
