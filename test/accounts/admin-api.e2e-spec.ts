import {
  ADMIN_CONNECTIONS_PATH,
  ADMIN_GROUP_ORDER_PATH,
  ADMIN_PATHS,
  AUTH_PATHS,
  exampleServerInfo,
  FRONTEND_PATH,
  REPORT_PATH,
  SERVERS_API_PATH,
} from '@sss/contracts';
import { argon2id, hash as argon2Hash } from 'argon2';
import { createHash } from 'node:crypto';
import WebSocket from 'ws';
import { DashboardProcess } from '../support/dashboard-process';
import { agentSocket, opened, textOf, until } from '../support/ws-clients';

const ROOT_PASSWORD = 'root password, from the config';
const STATIC_SCRAPE_TOKEN = 'static-scrape-token-4f1c';
const FOREIGN = 'http://evil.example';

/** Every body any client of this file received, to search for secrets. */
const bodies: string[] = [];

interface Answer {
  status: number;
  /** An object, or an array (which has a length). */
  json: Record<string, unknown> & { length?: number };
  text: string;
}

/** A browser-like client (keeps its session cookie) or a script (sends a bearer token). */
class Client {
  cookie = '';
  bearer = '';

  constructor(private readonly dashboard: DashboardProcess) {}

  async call(method: string, path: string, body?: unknown, origin?: string): Promise<Answer> {
    const res = await fetch(this.dashboard.url(path, 'http'), {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}),
        ...(origin ? { origin } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0].endsWith('=') ? '' : set.split(';')[0];
    const text = await res.text();
    bodies.push(text);
    return { status: res.status, json: text ? (JSON.parse(text) as Answer['json']) : {}, text };
  }

  async login(username: string, password: string): Promise<this> {
    const res = await this.call('POST', AUTH_PATHS.login, { username, password });
    if (res.status !== 200) throw new Error(`login of ${username}: ${res.status} ${res.text}`);
    return this;
  }
}

const userPath = (username: string) => ADMIN_PATHS.user.replace(':username', username);
const tokenPath = (id: string) => ADMIN_PATHS.token.replace(':id', id);

describe('the admin API against a real dashboard', () => {
  jest.setTimeout(60_000);
  let dashboard: DashboardProcess;
  let rootHash: string;
  const secrets: string[] = [ROOT_PASSWORD, STATIC_SCRAPE_TOKEN];

  beforeAll(async () => {
    rootHash = await argon2Hash(ROOT_PASSWORD, { type: argon2id });
    dashboard = await DashboardProcess.start({
      servers: [{ id: 'web-1', secret: 's3cret-web-1' }],
      config: {
        admin: { username: 'root', passwordHash: rootHash },
        board: { public: false },
        metrics: { mode: 'token', token: STATIC_SCRAPE_TOKEN },
      },
      env: { SSS_LOG_LEVEL: 'debug' },
    });
  });

  afterAll(async () => {
    await dashboard.stop();
    // No secret, password or hash in any answer or log line; a token's secret only in the one answer that made it.
    const everything = [...bodies, dashboard.logs];
    for (const secret of [...secrets, rootHash]) {
      const seen = everything.filter((text) => text.includes(secret)).length;
      expect({ secret, seen }).toEqual({ secret, seen: secret.startsWith('sss_') ? 1 : 0 });
      const digest = createHash('sha256').update(secret).digest('hex');
      expect(everything.some((text) => text.includes(digest))).toBe(false);
    }
  });

  it('answers every admin route 401 without a login, 403 to a viewer and a read token, and 403 to a foreign Origin', async () => {
    const root = await new Client(dashboard).login('root', ROOT_PASSWORD);
    secrets.push('viewer password');
    expect((await root.call('POST', ADMIN_PATHS.users, { username: 'vera', role: 'viewer', password: 'viewer password' })).status).toBe(
      201,
    );
    const vera = await new Client(dashboard).login('vera', 'viewer password');
    const made = await root.call('POST', ADMIN_PATHS.tokens, { name: 'read-only', scope: 'read' });
    secrets.push(made.json.token as string);
    const reader = new Client(dashboard);
    reader.bearer = made.json.token as string;

    const routes: [string, string, unknown?][] = [
      ['GET', ADMIN_PATHS.users],
      ['POST', ADMIN_PATHS.users, { username: 'x', role: 'viewer', password: 'long enough password' }],
      ['PATCH', userPath('vera'), { role: 'admin' }],
      ['DELETE', userPath('vera')],
      ['GET', ADMIN_PATHS.tokens],
      ['POST', ADMIN_PATHS.tokens, { name: 'x', scope: 'admin' }],
      ['DELETE', tokenPath(made.json.id as string)],
      ['GET', ADMIN_PATHS.audit],
      ['GET', ADMIN_CONNECTIONS_PATH],
      ['GET', ADMIN_GROUP_ORDER_PATH],
      ['POST', ADMIN_GROUP_ORDER_PATH, { groups: ['x'] }],
    ];
    for (const [method, path, body] of routes) {
      const route = `${method} ${path}`;
      expect({ route, ...(await new Client(dashboard).call(method, path, body)) }).toMatchObject({
        route,
        status: 401,
        json: { statusCode: 401, error: 'Unauthorized', message: 'authentication required' },
      });
      expect({ route, ...(await vera.call(method, path, body)) }).toMatchObject({
        route,
        status: 403,
        json: { message: 'this needs an admin' },
      });
      expect({ route, status: (await reader.call(method, path, body)).status }).toEqual({ route, status: 403 });
      if (method !== 'GET') {
        expect({ route, ...(await root.call(method, path, body, FOREIGN)) }).toMatchObject({
          route,
          status: 403,
          json: { message: 'origin not allowed' },
        });
      }
    }
    // The login form is no cross-site target either; the dashboard's own origin passes.
    expect((await new Client(dashboard).call('POST', AUTH_PATHS.login, { username: 'root', password: 'x' }, FOREIGN)).status).toBe(403);
    expect((await root.call('GET', ADMIN_PATHS.users, undefined, dashboard.url('', 'http'))).status).toBe(200);
    // Nothing above changed anything.
    expect((await root.call('GET', ADMIN_PATHS.users)).json).toEqual([
      { username: 'root', role: 'admin', source: 'config' },
      { username: 'vera', role: 'viewer', source: 'stored' },
    ]);
    expect((await root.call('GET', ADMIN_PATHS.tokens)).json).toHaveLength(1);
  });

  it('makes API tokens that open the private board, /ws-frontend and /metrics by scope, until revoked or expired', async () => {
    const root = await new Client(dashboard).login('root', ROOT_PASSWORD);
    const agent = agentSocket(dashboard.url(REPORT_PATH), 'web-1', 's3cret-web-1');
    await opened(agent);
    agent.send(JSON.stringify(exampleServerInfo({ serverId: 'web-1' })));

    const created = await root.call('POST', ADMIN_PATHS.tokens, { name: 'prometheus', scope: 'read' });
    expect(created.status).toBe(201);
    const secret = created.json.token as string;
    secrets.push(secret);
    expect(secret).toMatch(/^sss_[\w-]{43}$/);
    expect(created.json).toMatchObject({ name: 'prometheus', scope: 'read', createdBy: 'root', lastUsedAt: null, expiresAt: null });

    const script = new Client(dashboard);
    script.bearer = secret;
    await until(
      () => script.call('GET', SERVERS_API_PATH),
      (res) => res.status === 200 && res.json.length === 1,
      'the report through a read token',
    );
    expect((await script.call('GET', AUTH_PATHS.me)).json).toEqual({ username: 'token:prometheus', role: 'viewer' });
    const scrape = (token: string) => fetch(dashboard.url('/metrics', 'http'), { headers: { authorization: `Bearer ${token}` } });
    expect((await scrape(secret)).status).toBe(200);
    expect((await scrape(STATIC_SCRAPE_TOKEN)).status).toBe(200);
    expect((await scrape(`${secret}x`)).status).toBe(401);
    expect(await firstOnSocket(dashboard, { authorization: `Bearer ${secret}` })).toBe('message web-1');
    expect(await firstOnSocket(dashboard, { authorization: 'Bearer sss_forged' })).toBe('1008 authentication required');

    const listed = (await root.call('GET', ADMIN_PATHS.tokens)).json as unknown as Record<string, unknown>[];
    const entry = listed.find((t) => t.id === created.json.id)!;
    expect(Object.keys(entry).sort()).toEqual(['createdAt', 'createdBy', 'expiresAt', 'id', 'lastUsedAt', 'name', 'scope']);
    expect(entry.lastUsedAt).toEqual(expect.any(Number));

    // An admin token acts as an admin; revoking it closes every door at once.
    const deploy = await root.call('POST', ADMIN_PATHS.tokens, { name: 'deploy', scope: 'admin', expiresAt: Date.now() + 86_400_000 });
    secrets.push(deploy.json.token as string);
    const admin = new Client(dashboard);
    admin.bearer = deploy.json.token as string;
    expect((await admin.call('GET', ADMIN_PATHS.users)).status).toBe(200);
    expect((await admin.call('DELETE', tokenPath(created.json.id as string))).status).toBe(204);
    expect((await admin.call('DELETE', tokenPath(created.json.id as string))).status).toBe(404);
    expect((await script.call('GET', SERVERS_API_PATH)).status).toBe(401);
    expect((await scrape(secret)).status).toBe(401);

    const soon = await root.call('POST', ADMIN_PATHS.tokens, { name: 'short-lived', scope: 'read', expiresAt: Date.now() + 1_500 });
    secrets.push(soon.json.token as string);
    const brief = new Client(dashboard);
    brief.bearer = soon.json.token as string;
    expect((await brief.call('GET', SERVERS_API_PATH)).status).toBe(200);
    await until(
      () => brief.call('GET', SERVERS_API_PATH),
      (res) => res.status === 401,
      'the token to expire',
    );
    agent.close();
  });

  it('refuses bad token and user requests with the one error shape, changing nothing', async () => {
    const root = await new Client(dashboard).login('root', ROOT_PASSWORD);
    const before = (await root.call('GET', ADMIN_PATHS.tokens)).json.length;
    const bad: [string, string, unknown, string[]][] = [
      [
        'POST',
        ADMIN_PATHS.tokens,
        { name: '', scope: 'write' },
        ['name must be 1 to 64 characters, no control characters', 'scope must be one of read, admin'],
      ],
      ['POST', ADMIN_PATHS.tokens, { name: 'x', scope: 'read', expiresAt: Date.now() - 1 }, ['expiresAt must be in the future']],
      ['POST', ADMIN_PATHS.tokens, { name: 'x', scope: 'read', expiresAt: '2030-01-01' }, ['expiresAt must be Unix milliseconds or null']],
      ['POST', ADMIN_PATHS.tokens, { name: 'x', scope: 'read', owner: 'eve' }, ['unknown parameter "owner"']],
      ['DELETE', tokenPath('bad id!'), undefined, ['id must be 1 to 32 letters, digits, "_" or "-"']],
      [
        'POST',
        ADMIN_PATHS.users,
        { username: 'a b', role: 'root', password: 'short' },
        [
          'username must be 1 to 64 letters, digits, ".", "_" or "-"',
          'role must be one of admin, viewer',
          'password must be 10 to 1024 characters',
        ],
      ],
      ['PATCH', userPath('vera'), { role: 'owner' }, ['role must be one of admin, viewer']],
      ['GET', `${ADMIN_PATHS.audit}?limit=0`, undefined, ['limit must be a whole number from 1 to 500']],
      ['GET', `${ADMIN_PATHS.audit}?before=x`, undefined, ['before must be an entry id (a whole number)']],
    ];
    for (const [method, path, body, details] of bad) {
      const route = `${method} ${path}`;
      expect({ route, ...(await root.call(method, path, body)) }).toMatchObject({
        route,
        status: 400,
        json: { statusCode: 400, error: 'Bad Request', message: 'invalid parameters', details },
      });
    }
    expect((await root.call('GET', ADMIN_PATHS.tokens)).json).toHaveLength(before!);
    expect((await root.call('PATCH', userPath('nobody'), { role: 'admin' })).json).toMatchObject({
      statusCode: 404,
      message: 'unknown user "nobody"',
    });
    expect((await root.call('DELETE', userPath('root'))).json).toMatchObject({
      statusCode: 409,
      message: '"root" is the config file\'s admin (admin.passwordHash): change it there',
    });
    expect((await root.call('POST', ADMIN_PATHS.users, { username: 'vera', role: 'admin', password: 'long enough password' })).status).toBe(
      409,
    );
  });

  it('ends every session of a user whose password an admin sets or whom an admin removes; a demoted admin loses admin rights at once', async () => {
    const root = await new Client(dashboard).login('root', ROOT_PASSWORD);
    secrets.push('ann first password', 'ann second password');
    expect((await root.call('POST', ADMIN_PATHS.users, { username: 'ann', role: 'admin', password: 'ann first password' })).json).toEqual({
      username: 'ann',
      role: 'admin',
      source: 'stored',
    });
    const laptop = await new Client(dashboard).login('ann', 'ann first password');
    const phone = await new Client(dashboard).login('ann', 'ann first password');
    expect((await laptop.call('GET', ADMIN_PATHS.users)).status).toBe(200);
    expect((await root.call('PATCH', userPath('ann'), { role: 'viewer' })).json).toEqual({
      username: 'ann',
      role: 'viewer',
      source: 'stored',
    });
    expect((await laptop.call('GET', ADMIN_PATHS.users)).status).toBe(403);
    expect((await laptop.call('GET', SERVERS_API_PATH)).status).toBe(200);

    expect((await root.call('PATCH', userPath('ann'), { password: 'ann second password' })).status).toBe(200);
    expect((await laptop.call('GET', AUTH_PATHS.me)).status).toBe(401);
    expect((await phone.call('GET', AUTH_PATHS.me)).status).toBe(401);
    const again = await new Client(dashboard).login('ann', 'ann second password');
    expect((await root.call('DELETE', userPath('ann'))).status).toBe(204);
    expect((await again.call('GET', AUTH_PATHS.me)).status).toBe(401);
    expect((await new Client(dashboard).call('POST', AUTH_PATHS.login, { username: 'ann', password: 'ann second password' })).status).toBe(
      401,
    );
  });

  it('keeps every admin action and login in the audit log, newest first and paged', async () => {
    const root = await new Client(dashboard).login('root', ROOT_PASSWORD);
    await new Client(dashboard).call('POST', AUTH_PATHS.login, { username: 'root', password: 'a wrong guess' });
    const all = [];
    let before: number | null | undefined;
    do {
      const page = await root.call('GET', `${ADMIN_PATHS.audit}?limit=7${before ? `&before=${before}` : ''}`);
      expect(page.status).toBe(200);
      expect((page.json.entries as unknown[]).length).toBeLessThanOrEqual(7);
      all.push(...(page.json.entries as { id: number; at: number; actor: string; action: string; target: string; remote: string }[]));
      before = page.json.nextBefore as number | null;
    } while (before);
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => b - a));
    expect(all[0]).toMatchObject({ actor: 'root', action: 'auth.login-failed', target: '', remote: '127.0.0.1' });
    const actions = new Set(all.map((e) => `${e.actor} ${e.action} ${e.target}`));
    for (const expected of [
      'root auth.login ',
      'root user.add vera',
      'root token.create prometheus',
      'token:deploy token.revoke prometheus',
      'root user.role ann',
      'root user.password ann',
      'root user.remove ann',
    ]) {
      expect(actions).toContain(expected);
    }
    expect(all.find((e) => e.action === 'user.role')).toMatchObject({ detail: 'admin -> viewer' });
  });
});

describe('the last admin', () => {
  it('can be neither removed nor demoted; once another admin exists, it can go', async () => {
    const dashboard = await DashboardProcess.start({ servers: [] });
    try {
      const [, token] = await dashboard.waitForLog(/setup#([\w-]+)/);
      const ann = new Client(dashboard);
      expect((await ann.call('POST', AUTH_PATHS.setup, { token, username: 'ann', password: 'ann password!' })).status).toBe(200);
      expect((await ann.call('DELETE', userPath('ann'))).json).toMatchObject({
        statusCode: 409,
        message: '"ann" is the last admin: make another admin first',
      });
      expect((await ann.call('PATCH', userPath('ann'), { role: 'viewer' })).status).toBe(409);
      expect((await ann.call('POST', ADMIN_PATHS.users, { username: 'bob', role: 'admin', password: 'bob password!' })).status).toBe(201);
      expect((await ann.call('DELETE', userPath('ann'))).status).toBe(204);
      expect((await ann.call('GET', AUTH_PATHS.me)).status).toBe(401);
      const bob = await new Client(dashboard).login('bob', 'bob password!');
      expect((await bob.call('PATCH', userPath('bob'), { role: 'viewer' })).status).toBe(409);
    } finally {
      await dashboard.stop();
    }
  }, 60_000);
});

/** The first thing /ws-frontend does for these upgrade headers: a close (code and reason), or its first message's server. */
function firstOnSocket(dashboard: DashboardProcess, headers: Record<string, string>): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const socket = new WebSocket(dashboard.url(FRONTEND_PATH), { headers });
    socket.once('message', (data) => {
      resolve(`message ${(JSON.parse(textOf(data)) as { serverId: string }).serverId}`);
      socket.close();
    });
    socket.once('close', (code, reason) => resolve(`${code} ${reason.toString()}`));
    socket.once('error', reject);
  });
}
