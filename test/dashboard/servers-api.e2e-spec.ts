import { exampleServerInfo, FRONTEND_PATH, REPORT_PATH, SERVERS_API_PATH, type ServerUpdate } from '@sss/contracts';
import WebSocket from 'ws';
import { DashboardProcess } from '../support/dashboard-process';
import { agentSocket, FrontendClient, opened, textOf, withTimeout } from '../support/ws-clients';

const SERVERS = ['a', 'b', 'never'].map((id) => ({ id, secret: `secret-${id}` }));

describe(`GET ${SERVERS_API_PATH} against a real dashboard`, () => {
  let dashboard: DashboardProcess;
  const agents: WebSocket[] = [];
  const get = (path: string, headers: Record<string, string> = {}) => fetch(dashboard.url(path, 'http'), { headers });
  const snapshot = async () => (await (await get(SERVERS_API_PATH)).json()) as ServerUpdate[];

  async function report(id: string, extra: object): Promise<WebSocket> {
    const ws = agentSocket(dashboard.url(REPORT_PATH), id, `secret-${id}`);
    agents.push(ws);
    await opened(ws);
    ws.send(JSON.stringify(exampleServerInfo({ serverId: id, ...extra })));
    return ws;
  }

  /** The raw text frames a new /ws-frontend client gets on connect (its snapshot of `count` servers). */
  async function wsSnapshot(count: number): Promise<string[]> {
    const ws = new WebSocket(dashboard.url(FRONTEND_PATH));
    const frames: string[] = [];
    const complete = new Promise<void>((done) =>
      ws.on('message', (data) => {
        frames.push(textOf(data));
        if (frames.length === count) done();
      }),
    );
    await withTimeout(complete, 5_000, 'the snapshot');
    ws.terminate();
    return frames;
  }

  beforeAll(async () => {
    dashboard = await DashboardProcess.start({ servers: SERVERS, config: { offlineAfterSeconds: 30 } });
  });
  afterAll(async () => {
    agents.forEach((a) => a.terminate());
    await dashboard.stop();
  });

  it('answers an empty array, JSON, never cached, before any server has reported', async () => {
    const res = await get(SERVERS_API_PATH);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual([]);
  });

  it('holds the latest message of every server that reported, exactly what /ws-frontend sends a new client', async () => {
    const watcher = await new FrontendClient(dashboard.url(FRONTEND_PATH)).open();
    await report('a', { location: 'first' });
    await report('b', { location: 'bee', cpu: { percent: 77, cores: 2, modelName: 'm' } });
    agents[0].send(JSON.stringify(exampleServerInfo({ serverId: 'a', location: 'second' })));
    await watcher.waitFor((m) => m.serverId === 'a' && m.location === 'second');
    await watcher.waitFor((m) => m.serverId === 'b');
    watcher.close();

    const res = await get(SERVERS_API_PATH);
    const body = await res.text();
    expect(body).toBe(`[${(await wsSnapshot(2)).join(',')}]`);

    const servers = JSON.parse(body) as ServerUpdate[];
    expect(servers.map((s) => [s.serverId, s.location, s.online])).toEqual([
      ['a', 'second', true],
      ['b', 'bee', true],
    ]);
    expect(servers[1].cpu.percent).toBe(77);
    for (const s of servers) expect(s.lastSeen).toBeGreaterThan(Date.now() - 10_000);
    expect(Object.keys(servers[0]).sort()).toEqual([...Object.keys(exampleServerInfo()), 'online', 'lastSeen'].sort());
  });

  it('shows a server whose agent went away offline, with its last values and lastSeen', async () => {
    const before = (await snapshot()).find((s) => s.serverId === 'b')!;
    const watcher = await new FrontendClient(dashboard.url(FRONTEND_PATH)).open();
    agents[1].terminate();
    await watcher.waitFor((m) => m.serverId === 'b' && !m.online);
    watcher.close();
    expect((await snapshot()).find((s) => s.serverId === 'b')).toEqual({ ...before, online: false });
  });

  it('is compressed for a client that accepts it (the body is ~2 KB per server)', async () => {
    const res = await get(SERVERS_API_PATH, { 'accept-encoding': 'br, gzip' });
    expect(res.headers.get('content-encoding')).toMatch(/^(br|gzip)$/);
    expect(((await res.json()) as unknown[]).length).toBe(2);
  });

  it('answers unknown API paths with a JSON 404, not the console', async () => {
    for (const path of ['/api', '/api/x', `${SERVERS_API_PATH}/a/x`]) {
      const res = await get(path);
      const json = res.headers.get('content-type')?.startsWith('application/json');
      expect({ path, status: res.status, json }).toEqual({ path, status: 404, json: true });
      expect((await res.json()) as unknown).toMatchObject({ statusCode: 404 });
    }
  });
});
