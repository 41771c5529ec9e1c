import { exampleServerInfo, FRONTEND_PATH, REPORT_PATH } from '@sss/contracts';
import WebSocket from 'ws';
import { DashboardProcess } from '../support/dashboard-process';
import { agentSocket, FrontendClient, opened } from '../support/ws-clients';

/** Frames an authenticated agent may send that the validator must survive (PROTOCOL.md, "What bad input gets"). */
describe('hostile frames from an authenticated agent', () => {
  let dashboard: DashboardProcess;
  let frontend: FrontendClient;

  const connected = async (id: string) => {
    const ws = agentSocket(dashboard.url(REPORT_PATH), id, `secret-${id}`);
    await opened(ws);
    return ws;
  };

  beforeAll(async () => {
    dashboard = await DashboardProcess.start({
      servers: ['deep', 'nulls'].map((id) => ({ id, secret: `secret-${id}` })),
      config: { limits: { reportsPerSecond: 1_000 } },
    });
    frontend = await new FrontendClient(dashboard.url(FRONTEND_PATH)).open();
  });
  afterAll(async () => {
    frontend.close();
    await dashboard.stop();
  });

  it('drops objects nested 8,000 deep in a field, keeps the connection, and logs one rate-limited warning, no error', async () => {
    const ws = await connected('deep');
    const nest = (depth: number, inner: string) => '{"a":'.repeat(depth) + inner + '}'.repeat(depth);
    const valid = JSON.stringify(exampleServerInfo({ serverId: 'deep' }));
    const frames = [
      valid.replace('"percent":45.2', `"percent":${nest(8_000, '1')}`), // in a declared field
      valid.replace('"disk":[', `"disk":[${nest(8_000, '1')},`), // as an array item
      valid.replace('"timestamp"', `"extra":${'['.repeat(8_000)}${']'.repeat(8_000)},"timestamp"`), // in an unknown field
      valid.replace('"memory":{', `"memory":{"total":${nest(8_000, '1')},"x":`),
    ];
    for (let round = 0; round < 5; round++) for (const frame of frames) ws.send(frame);
    ws.send(JSON.stringify(exampleServerInfo({ serverId: 'deep', location: 'after the deep frames' })));
    const got = await frontend.waitFor((m) => m.serverId === 'deep' && m.location === 'after the deep frames', 15_000);
    expect(ws.readyState).toBe(WebSocket.OPEN);
    // The unknown field is dropped like any extra; the other frames are refused, in one warning (the rest counted).
    expect(frontend.messages.filter((m) => m.serverId === 'deep')).toHaveLength(6);
    expect(got).not.toHaveProperty('extra');
    expect(dashboard.logs).not.toMatch(/ERROR/);
    expect(dashboard.countLog(/invalid report dropped serverId="deep"/)).toBe(1);
    expect(dashboard.logs).toMatch(/invalid report dropped serverId="deep" errors=\["nested 8002 levels deep, more than 16"\]/);
    ws.close();
  }, 30_000);

  it('treats null in an optional string (group, location, ip, countryCode) as absent: accepted, and never forwarded as null', async () => {
    const ws = await connected('nulls');
    const info = exampleServerInfo({ serverId: 'nulls' });
    ws.send(JSON.stringify({ ...info, group: null, location: null, ip: null, countryCode: null, serverName: 'with nulls' }));
    const got = await frontend.waitFor((m) => m.serverId === 'nulls' && m.serverName === 'with nulls');
    for (const key of ['group', 'location', 'ip', 'countryCode']) expect(got).not.toHaveProperty(key);
    expect((await dashboard.servers()).find((s) => s.serverId === 'nulls')).toStrictEqual(got);
    // A required string stays required: null there is refused.
    ws.send(JSON.stringify({ ...info, serverName: null }));
    ws.send(JSON.stringify({ ...info, serverName: 'after the null name' }));
    await frontend.waitFor((m) => m.serverId === 'nulls' && m.serverName === 'after the null name');
    expect(frontend.messages.filter((m) => m.serverId === 'nulls')).toHaveLength(2);
    ws.close();
  });
});
