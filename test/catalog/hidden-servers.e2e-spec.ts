import { API_PATHS, AUTH_PATHS, exampleServerInfo, FRONTEND_PATH, REPORT_PATH, SERVERS_API_PATH } from '@sss/contracts';
import { hash as argon2Hash, argon2id } from 'argon2';
import type WebSocket from 'ws';
import { DashboardProcess } from '../support/dashboard-process';
import { SessionClient } from '../support/session-client';
import { agentSocket, FrontendClient, opened, sleep, until } from '../support/ws-clients';

const PASSWORD = 'configured password';
const SERVERS = [
  { id: 'open-1', secret: 'open secret' },
  { id: 'quiet-1', secret: 'quiet secret', hidden: true },
];
/** Every per-server read of the board, for `quiet-1`. */
const PER_SERVER = [API_PATHS.server, API_PATHS.history, API_PATHS.events, API_PATHS.traffic].map((p) => p.replace(':id', 'quiet-1'));

describe('hidden servers never reach a client that is not signed in', () => {
  jest.setTimeout(60_000);
  let dashboard: DashboardProcess;
  let anonymous: SessionClient;
  let viewer: SessionClient;
  const agents: WebSocket[] = [];

  async function report(id: string, secret: string, percent: number): Promise<void> {
    const ws = agentSocket(dashboard.url(REPORT_PATH), id, secret);
    agents.push(ws);
    await opened(ws);
    ws.send(JSON.stringify(exampleServerInfo({ serverId: id, serverName: id, cpu: { percent, cores: 1, modelName: 'x' } })));
  }

  beforeAll(async () => {
    const passwordHash = await argon2Hash(PASSWORD, { type: argon2id });
    dashboard = await DashboardProcess.start({
      servers: SERVERS,
      config: { admin: { username: 'root', passwordHash }, metrics: { mode: 'public' } },
    });
    anonymous = new SessionClient(dashboard);
    viewer = new SessionClient(dashboard);
    expect((await viewer.call('POST', AUTH_PATHS.login, { username: 'root', password: PASSWORD })).status).toBe(200);
    await report('open-1', 'open secret', 1);
    await report('quiet-1', 'quiet secret', 1);
    await until(
      () => dashboard.servers(),
      (s) => s.length === 1,
      'open-1 in the public snapshot',
    );
    await until(
      () => viewer.call('GET', API_PATHS.server.replace(':id', 'quiet-1')),
      (r) => r.json.online === true,
      'quiet-1 online',
    );
  });
  afterAll(async () => {
    agents.forEach((a) => a.terminate());
    await dashboard.stop();
  });

  it('on /ws-frontend: neither in the snapshot nor live', async () => {
    const publicClient = await new FrontendClient(dashboard.url(FRONTEND_PATH)).open();
    const signedIn = await new FrontendClient(dashboard.url(FRONTEND_PATH), { headers: { cookie: viewer.cookie } }).open();
    await signedIn.waitFor((m) => m.serverId === 'quiet-1');
    await publicClient.waitFor((m) => m.serverId === 'open-1');
    await report('quiet-1', 'quiet secret', 42);
    await report('open-1', 'open secret', 43);
    await signedIn.waitFor((m) => m.serverId === 'quiet-1' && m.cpu.percent === 42);
    // The open server's later report arrives after the hidden one's would have.
    await publicClient.waitFor((m) => m.serverId === 'open-1' && m.cpu.percent === 43);
    await sleep(200);
    expect(publicClient.messages.filter((m) => m.serverId === 'quiet-1')).toEqual([]);
    publicClient.close();
    signedIn.close();
  });

  it('on every HTTP read: lists leave it out, its own routes answer 404 as for an unknown id', async () => {
    const ids = async (client: SessionClient, path: string) => {
      const { json } = await client.call('GET', path);
      return Array.isArray(json) ? (json as { serverId: string }[]).map((s) => s.serverId).sort() : Object.keys(json).sort();
    };
    for (const path of [SERVERS_API_PATH, API_PATHS.catalog, API_PATHS.trafficOverview, API_PATHS.uptime]) {
      expect([path, await ids(anonymous, path)]).toEqual([path, ['open-1']]);
      expect([path, await ids(viewer, path)]).toEqual([path, ['open-1', 'quiet-1']]);
    }
    for (const path of PER_SERVER) {
      const hidden = await anonymous.call('GET', path);
      expect([path, hidden.status, hidden.json.message]).toEqual([path, 404, 'unknown server "quiet-1"']);
      expect([path, (await viewer.call('GET', path)).status]).toEqual([path, 200]);
    }
  });

  it('on public /metrics', async () => {
    const text = await (await fetch(dashboard.url('/metrics', 'http'))).text();
    expect(text).toMatch(/server_id="open-1"/);
    expect(text).not.toMatch(/quiet-1/);
  });
});
