import {
  API_PATHS,
  exampleServerInfo,
  FRONTEND_PATH,
  REPORT_PATH,
  type ApiError,
  type ServerUpdate,
  type StatsResponse,
} from '@sss/contracts';
import type WebSocket from 'ws';
import { DashboardProcess } from '../support/dashboard-process';
import { agentSocket, closed, FrontendClient, opened, sleep } from '../support/ws-clients';

const SERVERS = [
  { id: 'web-1', secret: 'secret-web', name: 'Web one', group: 'Frankfurt', countryCode: 'DE' },
  { id: 'db-1', secret: 'secret-db' },
  { id: 'never', secret: 'secret-never' },
];
const MAX_MESSAGE_BYTES = 8192;

/** Resolves with the first answer of `read` that `ok` accepts, asking again until the deadline. */
async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await sleep(100);
  }
}

describe('the REST API against a real dashboard', () => {
  let dashboard: DashboardProcess;
  const sockets: WebSocket[] = [];
  const get = (path: string) => fetch(dashboard.url(path, 'http'));
  const json = async <T>(path: string): Promise<{ status: number; body: T; type: string | null }> => {
    const res = await get(path);
    return { status: res.status, body: (await res.json()) as T, type: res.headers.get('content-type') };
  };
  const stats = async () => (await json<StatsResponse>(API_PATHS.stats)).body;

  async function agent(id: string, secret = SERVERS.find((s) => s.id === id)!.secret): Promise<WebSocket> {
    const ws = agentSocket(dashboard.url(REPORT_PATH), id, secret);
    sockets.push(ws);
    await opened(ws);
    return ws;
  }

  beforeAll(async () => {
    dashboard = await DashboardProcess.start({
      servers: SERVERS,
      config: { maxMessageBytes: MAX_MESSAGE_BYTES },
      // Nest's "Mapped {/path, GET} route" lines are debug: the routes the app really registered.
      env: { SSS_LOG_LEVEL: 'debug' },
    });
  });
  afterAll(async () => {
    sockets.forEach((s) => s.terminate());
    await dashboard.stop();
  });

  describe(`GET ${API_PATHS.server}`, () => {
    it('gives a configured server that never reported as offline, never seen, with no report', async () => {
      expect(await json('/api/servers/never')).toEqual({
        status: 200,
        type: 'application/json; charset=utf-8',
        body: { serverId: 'never', name: 'never', online: false, lastSeen: null, latest: null },
      });
    });

    it('gives a reporting server its latest report exactly as GET /api/servers has it, then offline once its agent leaves', async () => {
      const watcher = await new FrontendClient(dashboard.url(FRONTEND_PATH)).open();
      const ws = await agent('web-1');
      ws.send(JSON.stringify(exampleServerInfo({ serverId: 'web-1', location: 'rack 4' })));
      await watcher.waitFor((m) => m.serverId === 'web-1' && m.location === 'rack 4');
      const snapshot = (await dashboard.servers()).find((s) => s.serverId === 'web-1')!;
      expect(await json(`/api/servers/web-1`)).toMatchObject({
        status: 200,
        body: { serverId: 'web-1', name: 'Web one', online: true, lastSeen: snapshot.lastSeen, latest: snapshot },
      });
      ws.close();
      await closed(ws);
      await watcher.waitFor((m) => m.serverId === 'web-1' && !m.online);
      watcher.close();
      const after = (await json<{ online: boolean; latest: ServerUpdate }>('/api/servers/web-1')).body;
      expect([after.online, after.latest.online, after.latest.location]).toEqual([false, false, 'rack 4']);
    });

    it('answers an unknown id with the JSON 404 and a malformed one with a 400 that says why', async () => {
      expect(await json<ApiError>('/api/servers/nobody')).toEqual({
        status: 404,
        type: 'application/json; charset=utf-8',
        body: { statusCode: 404, error: 'Not Found', message: 'unknown server "nobody"' },
      });
      expect(await json<ApiError>('/api/servers/two%20words')).toEqual({
        status: 400,
        type: 'application/json; charset=utf-8',
        body: {
          statusCode: 400,
          error: 'Bad Request',
          message: 'invalid parameters',
          details: ['id must be 1 to 64 letters, digits, "_", "." or "-"'],
        },
      });
      expect((await json<ApiError>(`/api/servers/${'x'.repeat(65)}`)).status).toBe(400);
    });
  });

  it(`GET ${API_PATHS.catalog} lists every configured server, reported or not, without secrets`, async () => {
    const { status, body } = await json<unknown[]>(API_PATHS.catalog);
    expect(status).toBe(200);
    expect(body).toEqual([
      { serverId: 'web-1', name: 'Web one', group: 'Frankfurt', countryCode: 'DE', weight: 0, lastSeen: expect.any(Number) as number },
      { serverId: 'db-1', name: 'db-1', weight: 0, lastSeen: null },
      { serverId: 'never', name: 'never', weight: 0, lastSeen: null },
    ]);
    expect(JSON.stringify(body)).not.toContain('secret');
  });

  it('answers every unknown /api path with the one JSON 404 shape', async () => {
    for (const path of ['/api', '/api/nothing', '/api/servers/web-1/nothing', '/api/catalog/web-1']) {
      expect(await json<ApiError>(path)).toEqual({
        status: 404,
        type: 'application/json; charset=utf-8',
        body: { statusCode: 404, error: 'Not Found', message: `Cannot GET ${path}` },
      });
    }
  });

  it(`GET ${API_PATHS.stats} counts agents, consoles, reports per second and every reject by reason`, async () => {
    const base = await stats();
    expect(base.storage).toMatchObject({ engine: 'sqlite', writeErrors: 0, dropped: 0 });
    expect(base.storage.tiers.map((t) => t.tier)).toEqual(['raw', '1m', '15m', '1h']);
    const ws = await agent('db-1');
    const frontend = await new FrontendClient(dashboard.url(FRONTEND_PATH)).open();
    await until(stats, (s) => s.agents === base.agents + 1 && s.frontends === base.frontends + 1, 'one more agent and console');
    const reports = setInterval(() => ws.send(JSON.stringify(exampleServerInfo({ serverId: 'db-1' }))), 50);
    try {
      await until(stats, (s) => s.reportsPerSecond > 0, 'reports per second');
    } finally {
      clearInterval(reports);
    }

    // One of each refusal, each on a connection of its own.
    const wrongSecret = agentSocket(dashboard.url(REPORT_PATH), 'db-1', 'wrong');
    await closed(wrongSecret);
    for (const [frame, binary] of [
      ['{"serverId":"db-1"}', false],
      [JSON.stringify(exampleServerInfo({ serverId: 'web-1' })), false],
      ['binary', true],
      ['x'.repeat(MAX_MESSAGE_BYTES + 1), false],
    ] as const) {
      const s = await agent('never');
      s.send(binary ? Buffer.from(frame) : frame);
      if (frame.startsWith('{"serverId":"db-1"}')) s.close(); // an invalid report does not close the connection
      await closed(s);
    }
    const after = await until(stats, (s) => s.rejects['too-big'] > base.rejects['too-big'], 'the too-big reject');
    expect(
      Object.fromEntries(
        Object.entries(after.rejects).map(([reason, n]) => [reason, n - base.rejects[reason as keyof typeof after.rejects]]),
      ),
    ).toEqual({
      authentication: 1,
      'invalid-frame': 1,
      'id-mismatch': 1,
      binary: 1,
      'too-big': 1,
      'internal-error': 0,
      'report-rate': 0,
      'address-limit': 0,
      'connection-cap': 0,
    });
    frontend.close();
    ws.close();
    await until(stats, (s) => s.frontends === base.frontends && s.agents === base.agents, 'the agent and console gone');
  });

  describe('OpenAPI', () => {
    it(`describes every route Nest registered under /api at ${API_PATHS.docsJson}, each with its answers`, async () => {
      const mapped = [...dashboard.logs.matchAll(/Mapped \{(\/api[^,]*), (\w+)\} route/g)].map(([, path, method]) => [path, method]);
      expect(mapped.length).toBeGreaterThanOrEqual(4);
      const { status, body } = await json<{ openapi: string; paths: Record<string, Record<string, { responses: object }>> }>(
        API_PATHS.docsJson,
      );
      expect(status).toBe(200);
      expect(body.openapi).toMatch(/^3\./);
      for (const [path, method] of mapped) {
        const operation = body.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
        const ok = !!operation && Object.keys(operation.responses).some((code) => /^2\d\d$/.test(code));
        expect({ path, method, described: !!operation, ok }).toEqual({
          path,
          method,
          described: true,
          ok: true,
        });
      }
    });

    it(`serves the UI at ${API_PATHS.docs} with its scripts and styles from this server`, async () => {
      const res = await get(API_PATHS.docs);
      expect(res.status).toBe(200);
      const html = await res.text();
      const assets = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map(([, path]) => path);
      expect(assets).toEqual(expect.arrayContaining(['docs/swagger-ui.css', 'docs/swagger-ui-bundle.js', 'docs/swagger-ui-init.js']));
      for (const asset of assets) expect({ asset, status: (await get(`/api/${asset}`)).status }).toEqual({ asset, status: 200 });
      expect(html).not.toMatch(/(src|href)="https?:/);
    });
  });
});
