import { AUTH_PATHS, exampleServerInfo, FRONTEND_PATH, REPORT_PATH, SERVERS_API_PATH } from '@sss/contracts';
import WebSocket from 'ws';
import { hash as argon2Hash, argon2id } from 'argon2';
import { DashboardProcess } from '../support/dashboard-process';
import { SessionClient } from '../support/session-client';
import { agentSocket, opened, textOf, until } from '../support/ws-clients';

const TEST_TIMEOUT_MS = 60_000;

describe('accounts against a real dashboard', () => {
  jest.setTimeout(TEST_TIMEOUT_MS);

  describe('without an admin in the config', () => {
    let dashboard: DashboardProcess;
    beforeAll(async () => {
      dashboard = await DashboardProcess.start({ servers: [] });
    });
    afterAll(() => dashboard.stop());

    it('prints a one-time setup link that creates the first admin and logs them in', async () => {
      const [, token] = await dashboard.waitForLog(/create one at http:\/\/127\.0\.0\.1:\d+\/setup#([\w-]+)/);
      const ann = new SessionClient(dashboard);
      expect((await ann.call('GET', AUTH_PATHS.me)).status).toBe(401);
      const wrong = await ann.call('POST', AUTH_PATHS.setup, { token: `${token}x`, username: 'ann', password: 'correct horse battery' });
      expect(wrong.status).toBe(403);
      const weak = await ann.call('POST', AUTH_PATHS.setup, { token, username: 'ann', password: 'short' });
      expect(weak.status).toBe(400);
      expect(weak.json.details).toEqual(['password must be 10 to 1024 characters']);

      const made = await ann.call('POST', AUTH_PATHS.setup, { token, username: 'ann', password: 'correct horse battery' });
      expect(made.status).toBe(200);
      expect(made.json).toEqual({ username: 'ann', role: 'admin' });
      expect(made.headers.get('set-cookie')).toMatch(
        /^sss_session=[\w-]{43}; Max-Age=\d+; Path=\/; Expires=.+; HttpOnly; SameSite=Strict$/,
      );
      expect((await ann.call('GET', AUTH_PATHS.me)).json).toEqual({ username: 'ann', role: 'admin' });

      const again = await new SessionClient(dashboard).call('POST', AUTH_PATHS.setup, {
        token,
        username: 'eve',
        password: 'correct horse battery',
      });
      expect(again.status).toBe(403);
    });

    it('refuses a wrong password, then limits failed logins per account with "try again in N s"', async () => {
      const mallory = new SessionClient(dashboard);
      for (let i = 0; i < 5; i++) {
        const res = await mallory.call('POST', AUTH_PATHS.login, { username: 'ann', password: `guess-${i}` });
        expect(res).toMatchObject({ status: 401, json: { message: 'wrong username or password' } });
      }
      const limited = await mallory.call('POST', AUTH_PATHS.login, { username: 'ann', password: 'correct horse battery' });
      expect(limited.status).toBe(429);
      expect(limited.json.message).toMatch(/^too many failed logins: try again in \d+ s$/);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(500);
      // An unknown user answers exactly like a wrong password.
      const unknown = await mallory.call('POST', AUTH_PATHS.login, { username: 'nobody', password: 'whatever' });
      expect(unknown).toMatchObject({ status: 401, json: { message: 'wrong username or password' } });
      expect(mallory.cookie).toBe('');
    });
  });

  describe('with the admin in the config', () => {
    let dashboard: DashboardProcess;
    beforeAll(async () => {
      const passwordHash = await argon2Hash('configured password', { type: argon2id });
      dashboard = await DashboardProcess.start({ servers: [], config: { admin: { username: 'root', passwordHash } } });
    });
    afterAll(() => dashboard.stop());

    it('prints no setup link, logs the admin in and out, and keeps the password in the config', async () => {
      expect(dashboard.countLog(/setup#/)).toBe(0);
      const root = new SessionClient(dashboard);
      expect((await root.call('POST', AUTH_PATHS.login, { username: 'root', password: 'configured password' })).json).toEqual({
        username: 'root',
        role: 'admin',
      });
      const change = await root.call('POST', AUTH_PATHS.password, { current: 'configured password', next: 'a new password!' });
      expect(change.status).toBe(409);
      expect(change.json.message).toMatch(/admin\.passwordHash/);
      const token = root.cookie;
      expect((await root.call('POST', AUTH_PATHS.logout)).status).toBe(204);
      const replay = new SessionClient(dashboard);
      replay.cookie = token; // a stolen copy of the cookie dies with the logout
      expect((await replay.call('GET', AUTH_PATHS.me)).status).toBe(401);
    });
  });

  it('ends every session of a user when the password changes', async () => {
    const dashboard = await DashboardProcess.start({ servers: [] });
    try {
      const [, token] = await dashboard.waitForLog(/setup#([\w-]+)/);
      const laptop = new SessionClient(dashboard);
      await laptop.call('POST', AUTH_PATHS.setup, { token, username: 'ann', password: 'first password' });
      const phone = new SessionClient(dashboard);
      expect((await phone.call('POST', AUTH_PATHS.login, { username: 'ann', password: 'first password' })).status).toBe(200);
      expect((await laptop.call('POST', AUTH_PATHS.password, { current: 'wrong password', next: 'second password' })).status).toBe(403);
      expect((await laptop.call('POST', AUTH_PATHS.password, { current: 'first password', next: 'second password' })).status).toBe(204);
      expect((await phone.call('GET', AUTH_PATHS.me)).status).toBe(401);
      expect((await laptop.call('GET', AUTH_PATHS.me)).status).toBe(401);
      const fresh = new SessionClient(dashboard);
      expect((await fresh.call('POST', AUTH_PATHS.login, { username: 'ann', password: 'first password' })).status).toBe(401);
      expect((await fresh.call('POST', AUTH_PATHS.login, { username: 'ann', password: 'second password' })).status).toBe(200);
      // Sessions live in the database: a restart keeps them.
      await dashboard.stop();
      const again = await DashboardProcess.start({ servers: [], dir: dashboard.dir });
      try {
        const restored = new SessionClient(again);
        restored.cookie = fresh.cookie;
        expect((await restored.call('GET', AUTH_PATHS.me)).json).toEqual({ username: 'ann', role: 'admin' });
        expect(again.countLog(/setup#/)).toBe(0);
      } finally {
        await again.stop();
      }
    } finally {
      await dashboard.stop();
    }
  });

  it('keeps a private board (board.public: false) from anyone not logged in, on HTTP and on /ws-frontend', async () => {
    const passwordHash = await argon2Hash('configured password', { type: argon2id });
    const dashboard = await DashboardProcess.start({
      servers: [{ id: 'web-1', secret: 's3cret-web-1' }],
      config: { admin: { passwordHash }, board: { public: false } },
    });
    /** The first thing /ws-frontend does: a close (code and reason), or its first message. */
    const firstOnSocket = (cookie: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = new WebSocket(dashboard.url(FRONTEND_PATH), { headers: cookie ? { cookie } : {} });
        socket.once('message', (data) => {
          resolve(`message ${(JSON.parse(textOf(data)) as { serverId: string }).serverId}`);
          socket.close();
        });
        socket.once('close', (code, reason) => resolve(`${code} ${reason.toString()}`));
        socket.once('error', reject);
      });
    try {
      const visitor = new SessionClient(dashboard);
      for (const path of [
        SERVERS_API_PATH,
        '/api/servers/web-1',
        '/api/servers/web-1/history',
        '/api/servers/web-1/events',
        '/api/catalog',
        '/api/catalog/groups',
        '/api/uptime',
        '/api/servers/web-1/traffic',
        '/api/traffic',
      ]) {
        expect({ path, ...(await visitor.call('GET', path)) }).toMatchObject({
          path,
          status: 401,
          json: { message: 'authentication required' },
        });
      }
      expect(await firstOnSocket('')).toBe('1008 authentication required');
      expect(await firstOnSocket('sss_session=forged')).toBe('1008 authentication required');

      const admin = new SessionClient(dashboard);
      await admin.call('POST', AUTH_PATHS.login, { username: 'admin', password: 'configured password' });
      expect((await admin.call('GET', '/api/catalog')).status).toBe(200);
      expect((await admin.call('GET', '/api/catalog/groups')).status).toBe(200);
      expect((await admin.call('GET', '/api/servers/web-1')).status).toBe(200);
      const agent = agentSocket(dashboard.url(REPORT_PATH), 'web-1', 's3cret-web-1');
      await opened(agent);
      agent.send(JSON.stringify(exampleServerInfo({ serverId: 'web-1' })));
      await until(
        () => admin.call('GET', SERVERS_API_PATH),
        (res) => Array.isArray(res.json) && res.json.length === 1,
        'the report',
      );
      expect(await firstOnSocket(admin.cookie)).toBe('message web-1');
      agent.close();
    } finally {
      await dashboard.stop();
    }
  });
});
