import { API_PATHS, AUTH_PATHS } from '@sss/contracts';
import { hash as argon2Hash, argon2id } from 'argon2';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { DashboardProcess } from '../support/dashboard-process';

const ALLOWED = 'https://status.example.com';
const PASSWORD = 'cross-site test password';
const SAFE = new Set(['get', 'head', 'options']);
/** Routes the OpenAPI document leaves out on purpose (probes, Prometheus): all GET. */
const UNDOCUMENTED = ['/healthz', '/readyz', '/metrics'];

interface Route {
  method: string;
  path: string;
}

/** Cross-site request forgery: every state-changing request checks Origin and takes JSON only; GET changes nothing. */
describe('state-changing requests: Origin, JSON bodies, and no state change on GET', () => {
  let dashboard: DashboardProcess;
  let routes: Route[];

  beforeAll(async () => {
    const passwordHash = await argon2Hash(PASSWORD, { type: argon2id });
    dashboard = await DashboardProcess.start({
      servers: [{ id: 'web-1', secret: 'cross-site-secret-1' }],
      config: { frontendAllowedOrigins: [ALLOWED], admin: { username: 'root', passwordHash } },
    });
    // Every registered route the OpenAPI document lists, with its path parameters filled in.
    const doc = (await (await fetch(dashboard.url(API_PATHS.docsJson, 'http'))).json()) as { paths: Record<string, object> };
    routes = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => ({ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, 'web-1') })),
    );
    routes.push(...UNDOCUMENTED.map((path) => ({ method: 'GET', path })));
  });
  afterAll(() => dashboard.stop());

  const own = () => `http://127.0.0.1:${dashboard.port}`;
  const send = (route: Route, headers: Record<string, string>, body?: string) =>
    fetch(dashboard.url(route.path, 'http'), { method: route.method, headers, body });
  const stateChanging = () => routes.filter((route) => !SAFE.has(route.method.toLowerCase()));

  it('walks the state-changing routes the dashboard registers', () => {
    expect(stateChanging().map((route) => `${route.method} ${route.path}`)).toEqual(
      expect.arrayContaining([`POST ${AUTH_PATHS.login}`, `POST ${AUTH_PATHS.logout}`, `POST ${AUTH_PATHS.password}`]),
    );
  });

  it('refuses every state-changing request from a foreign Origin with 403, a JSON body and all', async () => {
    for (const route of stateChanging()) {
      for (const origin of ['http://evil.example', 'null', `${own()}.evil.example`]) {
        const res = await send(
          route,
          { origin, 'content-type': 'application/json' },
          JSON.stringify({ username: 'root', password: PASSWORD }),
        );
        expect([route, origin, res.status, res.headers.get('set-cookie')]).toEqual([route, origin, 403, null]);
        expect(await res.json()).toEqual({
          statusCode: 403,
          error: 'Forbidden',
          message: 'origin not allowed',
        });
      }
    }
  });

  it('refuses a body that is not JSON with 415, from the own origin too', async () => {
    const form = 'username=root&password=' + encodeURIComponent(PASSWORD);
    for (const route of stateChanging()) {
      for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
        const res = await send(route, { origin: own(), 'content-type': type }, form);
        expect([route, type, res.status, res.headers.get('set-cookie')]).toEqual([route, type, 415, null]);
      }
      const untyped = await send(route, {}, form);
      expect([route, untyped.status]).toEqual([route, 415]);
    }
  });

  it('takes JSON from its own origin, an allowed one and scripts without Origin', async () => {
    const login = { method: 'POST', path: AUTH_PATHS.login };
    for (const headers of [{ origin: own() }, { origin: ALLOWED }, {}] as Array<Record<string, string>>) {
      const res = await send(
        login,
        { ...headers, 'content-type': 'application/json' },
        JSON.stringify({ username: 'root', password: PASSWORD }),
      );
      expect([headers, res.status]).toEqual([headers, 200]);
      expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/);
    }
    // A request without a body needs no content type: logout.
    expect((await send({ method: 'POST', path: AUTH_PATHS.logout }, { origin: own() })).status).toBe(204);
  });

  it('changes nothing stored and ends no session on any GET of any route, logged in as admin', async () => {
    const login = await send(
      { method: 'POST', path: AUTH_PATHS.login },
      { 'content-type': 'application/json' },
      JSON.stringify({ username: 'root', password: PASSWORD }),
    );
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const before = storedState(dashboard.dir);
    expect(before.account_session).toContainEqual(expect.objectContaining({ username: 'root' })); // the state is really read

    for (const route of routes.filter((r) => r.method === 'GET')) {
      const res = await send(route, { cookie, origin: 'http://evil.example' });
      await res.arrayBuffer();
      expect([route, res.status < 500]).toEqual([route, true]);
    }
    expect(storedState(dashboard.dir)).toEqual(before);
    expect((await send({ method: 'GET', path: AUTH_PATHS.me }, { cookie })).status).toBe(200);
  });
});

/**
 * Every row of every table of the dashboard's database; a session's last-seen time may move (idle expiry), and
 * `history_mark` holds the roll-up timer's progress, written on its own schedule whatever requests come.
 */
function storedState(dir: string): Record<string, unknown[]> {
  const db = new Database(join(dir, 'sss.db'), { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'history_mark' ORDER BY name")
      .all() as Array<{
      name: string;
    }>;
    return Object.fromEntries(
      tables.map(({ name }) => [
        name,
        (db.prepare(`SELECT * FROM "${name}"`).all() as Array<Record<string, unknown>>).map((row) =>
          name === 'account_session' ? { ...row, last_seen_at: undefined } : row,
        ),
      ]),
    );
  } finally {
    db.close();
  }
}
