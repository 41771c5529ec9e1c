import {
  ADMIN_ENROLLMENT_KEYS_PATH,
  ADMIN_PATHS,
  AUTH_PATHS,
  CloseCode,
  REPORT_PATH,
  type AdminEnrollmentKey,
  type AdminEnrollmentKeySecret,
  type AuditEntry,
} from '@sss/contracts';
import { argon2id, hash as argon2Hash } from 'argon2';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgentProcess } from '../agent/support/agent-process';
import { HostRootFixture } from '../agent/support/host-root-fixture';
import { DashboardProcess } from '../support/dashboard-process';
import { witnessIssuedSecret } from '../support/leak-witness';
import { SessionClient } from '../support/session-client';
import { agentSocket, closed, until } from '../support/ws-clients';

const PASSWORD = 'root password of this suite';
const CONFIG_KEY = 'configured-enrollment-key';
const FOREIGN = 'http://evil.example';
const keyPath = (id: string, action = '') => `${ADMIN_ENROLLMENT_KEYS_PATH}/${id}${action}`;

/**
 * /api/admin/enrollment-keys against a real dashboard: who may use it, what
 * it refuses, what it records, that a key's secret is shown once; then the
 * built agent enrolling with a key made here, and the key revoked while it runs.
 */
describe('enrollment keys in the admin API against a real dashboard', () => {
  jest.setTimeout(90_000);
  let dashboard: DashboardProcess;
  let root: SessionClient;
  /** Every answer of this file after the one that made each key, to search for the keys' secrets. */
  const laterBodies: string[] = [];
  const issued: string[] = [];
  const agents: AgentProcess[] = [];
  const host = new HostRootFixture();

  const call = async (client: SessionClient, method: string, path: string, body?: unknown) => {
    const answer = await client.call(method, path, body);
    laterBodies.push(JSON.stringify(answer.json));
    return answer;
  };
  /** A key made through the API; its secret registered with the leak witness as one the dashboard issued. */
  const create = async (body: object): Promise<AdminEnrollmentKeySecret> => {
    const answer = await root.call('POST', ADMIN_ENROLLMENT_KEYS_PATH, body);
    expect(answer.status).toBe(201);
    const made = answer.json as unknown as AdminEnrollmentKeySecret;
    witnessIssuedSecret(made.secret);
    issued.push(made.secret);
    return made;
  };
  const online = async (id: string) => (await dashboard.servers()).find((s) => s.serverId === id);

  beforeAll(async () => {
    dashboard = await DashboardProcess.start({
      servers: [{ id: 'web-1', secret: 'secret-of-web-1' }],
      config: {
        admin: { username: 'root', passwordHash: await argon2Hash(PASSWORD, { type: argon2id }) },
        enrollment: { keys: [{ secret: CONFIG_KEY, idPattern: 'cfg-[0-9]+', group: 'from-config' }] },
      },
    });
    root = new SessionClient(dashboard);
    expect((await root.call('POST', AUTH_PATHS.login, { username: 'root', password: PASSWORD })).status).toBe(200);
  });
  afterEach(() => Promise.all(agents.splice(0).map((a) => a.stop())));
  afterAll(async () => {
    await dashboard.stop();
    // A key's secret and its hash: in no answer after the one that made it, in no log line.
    for (const secret of [...issued, CONFIG_KEY]) {
      const digest = createHash('sha256').update(secret).digest('hex');
      for (const text of [...laterBodies, dashboard.logs]) {
        expect(text.includes(secret) || text.includes(digest)).toBe(false);
      }
    }
  });

  it('is for admins only: 401 without a login, 403 for a viewer and for a foreign Origin, 415 for a body that is not JSON', async () => {
    expect((await root.call('POST', ADMIN_PATHS.users, { username: 'vera', role: 'viewer', password: 'viewer password!' })).status).toBe(
      201,
    );
    const vera = new SessionClient(dashboard);
    expect((await vera.call('POST', AUTH_PATHS.login, { username: 'vera', password: 'viewer password!' })).status).toBe(200);
    const routes: [string, string, unknown?][] = [
      ['GET', ADMIN_ENROLLMENT_KEYS_PATH],
      ['POST', ADMIN_ENROLLMENT_KEYS_PATH, { name: 'x', idPattern: '.*' }],
      ['POST', keyPath('config-1', '/revoke')],
      ['DELETE', keyPath('config-1')],
    ];
    for (const [method, path, body] of routes) {
      const route = `${method} ${path}`;
      expect({ route, ...(await call(new SessionClient(dashboard), method, path, body)) }).toMatchObject({
        route,
        status: 401,
        json: { statusCode: 401, message: 'authentication required' },
      });
      expect({ route, ...(await call(vera, method, path, body)) }).toMatchObject({
        route,
        status: 403,
        json: { message: 'this needs an admin' },
      });
      if (method === 'GET') continue;
      const foreign = await fetch(dashboard.url(path, 'http'), {
        method,
        headers: { cookie: root.cookie, origin: FOREIGN, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect({ route, status: foreign.status, json: (await foreign.json()) as unknown }).toMatchObject({
        route,
        status: 403,
        json: { message: 'origin not allowed' },
      });
    }
    const text = await fetch(dashboard.url(ADMIN_ENROLLMENT_KEYS_PATH, 'http'), {
      method: 'POST',
      headers: { cookie: root.cookie, 'content-type': 'text/plain' },
      body: JSON.stringify({ name: 'x', idPattern: '.*' }),
    });
    expect(text.status).toBe(415);
    // Nothing above made a key.
    expect(((await call(root, 'GET', ADMIN_ENROLLMENT_KEYS_PATH)).json as unknown as AdminEnrollmentKey[]).map((k) => k.id)).toEqual([
      'config-1',
    ]);
  });

  it('refuses a bad key with the one error shape: a pattern that does not compile, a past expiry, missing or unknown fields', async () => {
    const cases: [body: object, detail: RegExp][] = [
      [{ name: 'x', idPattern: 'node-(' }, /^idPattern is not a valid regular expression/],
      [{ name: 'x', idPattern: '.*', expiresAt: Date.now() - 1000 }, /^expiresAt must be in the future$/],
      [{ idPattern: '.*' }, /^name /],
      [{ name: 'x' }, /^idPattern /],
      [{ name: 'x', idPattern: '.*', secret: 'my-own-secret' }, /^unknown parameter "secret"$/],
      [{ name: 'x', idPattern: '.*', expiresAt: 'tomorrow' }, /^expiresAt /],
    ];
    for (const [body, detail] of cases) {
      const answer = await call(root, 'POST', ADMIN_ENROLLMENT_KEYS_PATH, body);
      expect({ body, status: answer.status, json: answer.json }).toMatchObject({
        body,
        status: 400,
        json: {
          statusCode: 400,
          error: 'Bad Request',
          message: 'invalid parameters',
          details: expect.arrayContaining([expect.stringMatching(detail)]) as unknown,
        },
      });
    }
    expect((await call(root, 'POST', keyPath('config-1', '/revoke'))).json).toMatchObject({
      statusCode: 409,
      message: 'enrollment key config-1 is defined in the config file and is read-only here',
    });
    expect((await call(root, 'DELETE', keyPath('config-1'))).status).toBe(409);
    expect((await call(root, 'DELETE', keyPath('no-such-key'))).json).toMatchObject({
      statusCode: 404,
      message: 'no enrollment key no-such-key',
    });
    expect((await call(root, 'DELETE', keyPath('bad%20id'))).status).toBe(400);
    expect((await call(root, 'GET', ADMIN_ENROLLMENT_KEYS_PATH)).json).toHaveLength(1);
  });

  it('makes a key: its secret and the agent commands once; listed without a secret after the config key; every action audited', async () => {
    const made = await create({ name: 'batch 7', idPattern: 'batch-[0-9]+', group: 'batch', expiresAt: Date.now() + 86_400_000 });
    expect(made.secret).toMatch(/^[\w-]{32}$/);
    expect(made.key).toMatchObject({
      source: 'stored',
      name: 'batch 7',
      idPattern: 'batch-[0-9]+',
      group: 'batch',
      revoked: false,
      createdBy: 'root',
    });
    const reportUrl = `ws://127.0.0.1:${dashboard.port}${REPORT_PATH}`;
    for (const line of [made.enroll.systemd, made.enroll.container, made.enroll.env]) {
      expect(line).toContain(made.secret);
      expect(line).toContain(reportUrl);
    }
    expect(made.enroll.env.split('\n')).toEqual([
      `SSS_AGENT_SERVER=${reportUrl}`,
      "SSS_AGENT_ID=<an id the key's idPattern allows>",
      `SSS_AGENT_ENROLLMENT_KEY=${made.secret}`,
      'SSS_AGENT_SECRET_FILE=/var/lib/sss-agent/secret',
    ]);

    const listed = (await call(root, 'GET', ADMIN_ENROLLMENT_KEYS_PATH)).json as unknown as AdminEnrollmentKey[];
    expect(listed).toEqual([
      { id: 'config-1', source: 'config', name: 'enrollment.keys[0]', idPattern: 'cfg-[0-9]+', group: 'from-config', revoked: false },
      made.key,
    ]);
    expect((await call(root, 'POST', keyPath(made.key.id, '/revoke'))).json).toEqual({ ...made.key, revoked: true });
    expect((await call(root, 'DELETE', keyPath(made.key.id))).status).toBe(204);
    expect((await call(root, 'GET', ADMIN_ENROLLMENT_KEYS_PATH)).json).toHaveLength(1);

    const audit = (await call(root, 'GET', ADMIN_PATHS.audit)).json.entries as AuditEntry[];
    expect(audit.filter((e) => e.target === made.key.id).map((e) => [e.action, e.actor, e.remote])).toEqual([
      ['enrollment-key.delete', 'root', '127.0.0.1'],
      ['enrollment-key.revoke', 'root', '127.0.0.1'],
      ['enrollment-key.create', 'root', '127.0.0.1'],
    ]);
  });

  it("the built agent enrolls with a key made here (from the answer's env lines), reconnects with its own secret; after a revoke a second agent is refused with 1008 and the first stays connected", async () => {
    const made = await create({ name: 'edge', idPattern: 'edge-[0-9]+', group: 'edge' });
    const home = mkdtempSync(join(tmpdir(), 'sss-enrolling-agent-'));
    const env = (id: string) => ({
      ...Object.fromEntries(
        made.enroll.env.split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      ),
      SSS_AGENT_ID: id,
      SSS_AGENT_SECRET_FILE: join(home, `${id}.secret`),
    });
    const args = ['--host-root', host.root, '--interval', '1'];

    const first = AgentProcess.start(args, env('edge-1'));
    agents.push(first);
    await first.waitForLog(/enrolled; secret stored/, 20_000);
    await until(
      () => online('edge-1'),
      (s) => s?.online === true && s.group === 'edge',
      'edge-1 online in its group',
    );
    const own = readFileSync(join(home, 'edge-1.secret'), 'utf8').trim();
    witnessIssuedSecret(own);
    expect(own).not.toBe(made.secret);
    await first.stop();

    // Restarted, it comes back with its own secret, no second enrollment.
    const again = AgentProcess.start(args, env('edge-1'));
    agents.push(again);
    await again.waitForLog(/\] connected/, 20_000);
    const { lastSeen } = (await online('edge-1'))!;
    await until(
      () => online('edge-1'),
      (s) => s!.lastSeen > lastSeen,
      'edge-1 reporting again',
    );
    expect(again.logs).not.toMatch(/enrolled/);

    expect((await call(root, 'POST', keyPath(made.key.id, '/revoke'))).status).toBe(200);
    const second = agentSocket(dashboard.url(REPORT_PATH), 'edge-2', made.secret);
    expect(await closed(second)).toEqual({ code: CloseCode.POLICY_VIOLATION, reason: 'authentication failed' });
    const refused = AgentProcess.start(args, env('edge-3'));
    agents.push(refused);
    await refused.waitForLog(/dashboard refused this agent.*1008/, 20_000);
    const ids = (await dashboard.servers()).map((s) => s.serverId);
    expect(ids.filter((id) => id === 'edge-2' || id === 'edge-3')).toEqual([]);

    // The enrolled agent kept its connection and keeps reporting on it.
    const before = (await online('edge-1'))!.lastSeen;
    await until(
      () => online('edge-1'),
      (s) => s!.online === true && s!.lastSeen > before,
      'edge-1 still reporting',
    );
    expect(again.logs.match(/\] connected/g)).toHaveLength(1);
    expect(again.logs).not.toMatch(/disconnected|refused/);
  });
});
