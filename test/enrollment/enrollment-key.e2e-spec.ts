import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_PATHS, CloseCode, exampleServerInfo, FRONTEND_PATH, REPORT_PATH, type StatsResponse } from '@sss/contracts';
import WebSocket from 'ws';
import { AgentProcess } from '../agent/support/agent-process';
import { HostRootFixture } from '../agent/support/host-root-fixture';
import { DashboardProcess } from '../support/dashboard-process';
import { parseExposition, valueOf } from '../support/prometheus-text';
import { closed, FrontendClient, opened, textOf, until, upgradeStatus } from '../support/ws-clients';

/**
 * Enrollment keys (PROTOCOL.md "Enrollment") against a real dashboard: raw
 * agent sockets for each rule, then the built agent enrolling, storing its
 * secret and coming back with it. Each test connects from a loopback address
 * of its own, so one test's refusals never block another's address.
 */
const dir = mkdtempSync(join(tmpdir(), 'sss-enrollment-'));
const KEY_FILE = join(dir, 'fleet.key');
writeFileSync(KEY_FILE, 'key-from-a-file\n');
const ENROLLMENT = {
  keys: [
    { secret: 'key-good', idPattern: 'node-[0-9]+', group: 'edge' },
    { secretFile: KEY_FILE, idPattern: 'agent-.*' },
    { secret: 'key-expired', idPattern: '.*', expires: '2020-01-01T00:00:00Z' },
    { secret: 'key-revoked', idPattern: '.*', revoked: true },
    { secret: 'key-web', idPattern: 'web-[0-9]+' },
  ],
};

/** A raw agent socket that records the text frames the dashboard sends it. */
function agentSocket(url: string, id: string, secret: string, localAddress: string): { ws: WebSocket; frames: string[] } {
  const ws = new WebSocket(url, { headers: { 'X-SERVER-ID': id, 'X-AUTH-SECRET': secret }, localAddress });
  const frames: string[] = [];
  ws.on('message', (data) => frames.push(textOf(data)));
  return { ws, frames };
}

describe('enrollment keys against a real dashboard', () => {
  let dashboard: DashboardProcess;
  /** node-1's secret, given by its enrollment in the first test. */
  let node1Secret = '';
  const sockets: WebSocket[] = [];
  const agents: AgentProcess[] = [];
  const host = new HostRootFixture();

  const connect = (id: string, secret: string, localAddress: string) => {
    const socket = agentSocket(dashboard.url(REPORT_PATH), id, secret, localAddress);
    sockets.push(socket.ws);
    return socket;
  };
  const stats = async () => (await (await fetch(dashboard.url(API_PATHS.stats, 'http'))).json()) as StatsResponse;
  const online = async (id: string) => (await dashboard.servers()).some((s) => s.serverId === id && s.online);

  beforeAll(async () => {
    dashboard = await DashboardProcess.start({
      servers: [{ id: 'web-1', secret: 'secret-of-web-1' }],
      config: { enrollment: ENROLLMENT, metrics: { mode: 'public' }, limits: { authFailures: 4 } },
    });
  });
  afterEach(async () => {
    await Promise.all(agents.splice(0).map((a) => a.stop()));
    const open = sockets.splice(0).filter((ws) => ws.readyState !== WebSocket.CLOSED);
    open.forEach((ws) => ws.close());
    await Promise.all(open.map((ws) => closed(ws)));
  });
  afterAll(() => dashboard.stop());

  it('registers an unregistered id matching the pattern: one "enrolled" frame with its secret, and it stays connected as that server', async () => {
    const before = await stats();
    const frontend = await new FrontendClient(dashboard.url(FRONTEND_PATH)).open();
    const { ws, frames } = connect('node-1', 'key-good', '127.0.0.11');
    await opened(ws);
    ws.send(JSON.stringify(exampleServerInfo({ serverId: 'node-1' })));
    await frontend.waitFor((m) => m.serverId === 'node-1' && m.online, 10_000); // its report was accepted
    frontend.close();
    expect(frames).toHaveLength(1);
    const reply = JSON.parse(frames[0]) as Record<string, unknown>;
    expect(reply).toEqual({ type: 'enrolled', serverId: 'node-1', secret: expect.any(String) as string });
    const secret = (node1Secret = reply.secret as string);
    expect(secret.length).toBeGreaterThanOrEqual(20);
    expect(ws.readyState).toBe(WebSocket.OPEN);

    // From now on its own secret admits it, with no enrollment and no frame.
    ws.close();
    await closed(ws);
    const again = connect('node-1', secret, '127.0.0.11');
    await opened(again.ws);
    const watcher = await new FrontendClient(dashboard.url(FRONTEND_PATH)).open();
    again.ws.send(JSON.stringify(exampleServerInfo({ serverId: 'node-1', timestamp: 1_700_000_002 })));
    await watcher.waitFor((m) => m.serverId === 'node-1' && m.timestamp === 1_700_000_002, 10_000);
    watcher.close();
    const after = await stats();
    expect(after.enrollment.enrollments.key.accepted).toBe(before.enrollment.enrollments.key.accepted + 1);
    expect(again.frames).toEqual([]);
    expect(again.ws.readyState).toBe(WebSocket.OPEN);
    expect(after.enrollment.enrollments.key.refused).toBe(before.enrollment.enrollments.key.refused);
  });

  it('takes the key from secretFile', async () => {
    const { ws, frames } = connect('agent-a', 'key-from-a-file', '127.0.0.12');
    await opened(ws);
    await until(
      () => Promise.resolve(frames.length),
      (n) => n === 1,
      'the enrolled frame',
    );
    expect(JSON.parse(frames[0])).toEqual(expect.objectContaining({ type: 'enrolled', serverId: 'agent-a' }));
  });

  it('refuses an expired or revoked key, an id off the pattern and a registered id (configured or enrolled) like a wrong secret: 1008, a strike each', async () => {
    const before = await stats();
    const { ws, frames } = connect('node-7', 'key-good', '127.0.0.13');
    await until(
      () => Promise.resolve(frames.length),
      (n) => n === 1,
      'node-7 enrolled',
    );
    const attempts: [id: string, key: string][] = [
      ['node-8', 'key-expired'],
      ['node-8', 'key-revoked'],
      ['db-1', 'key-good'], // off the pattern
      ['node-7', 'key-good'], // enrolled and connected: never taken over
    ];
    for (const [id, key] of attempts) {
      const attempt = connect(id, key, '127.0.0.14');
      expect({ id, key, ...(await closed(attempt.ws)), frames: attempt.frames }).toEqual({
        id,
        key,
        code: CloseCode.POLICY_VIOLATION,
        reason: 'authentication failed',
        frames: [],
      });
    }
    // The fourth failure (limits.authFailures) blocked the address, as for wrong secrets.
    expect(await upgradeStatus(dashboard.url(REPORT_PATH), { localAddress: '127.0.0.14' })).toBe(429);
    // A configured id cannot be enrolled either, even by a key whose pattern it matches.
    const configured = connect('web-1', 'key-web', '127.0.0.15');
    expect((await closed(configured.ws)).code).toBe(CloseCode.POLICY_VIOLATION);
    const { enrollment, rejects } = await stats();
    expect(enrollment.enrollments.key.refused - before.enrollment.enrollments.key.refused).toBe(5);
    expect(rejects.authentication - before.rejects.authentication).toBe(5);
    expect(ws.readyState).toBe(WebSocket.OPEN); // the enrolled node-7 kept its connection
    expect(await online('node-8')).toBe(false);
  });

  it('counts enrollments by way and outcome in /metrics', async () => {
    const { enrollment } = await stats();
    const families = parseExposition(await (await fetch(dashboard.url('/metrics', 'http'))).text());
    for (const outcome of ['accepted', 'refused', 'unavailable'] as const) {
      expect(valueOf(families, 'sss_enrollments_total', { way: 'key', outcome })).toBe(enrollment.enrollments.key[outcome]);
    }
    expect(valueOf(families, 'sss_token_reviews_total')).toBe(0);
  });

  it('the built agent enrolls with its key file, stores the secret (mode 0600) and uses it after a restart', async () => {
    const home = join(dir, 'agent-home');
    mkdirSync(home);
    const secretFile = join(home, 'secret');
    const args = ['--host-root', host.root, '--server', dashboard.url(REPORT_PATH), '--id', 'node-42', '--interval', '1'];
    writeFileSync(join(dir, 'good.key'), 'key-good\n');
    const credentials = ['--secret-file', secretFile, '--enrollment-key-file', join(dir, 'good.key')];
    const first = AgentProcess.start([...args, ...credentials]);
    agents.push(first);
    await first.waitForLog(/enrolled; secret stored/, 15_000);
    await until(() => online('node-42'), Boolean, 'node-42 online');
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    const secret = readFileSync(secretFile, 'utf8').trim();
    expect(secret.length).toBeGreaterThanOrEqual(20);
    expect(first.logs).not.toContain(secret);
    const { enrollment } = await stats();
    await first.stop();

    // Restarted, it presents the stored secret: admitted without a second enrollment.
    const second = AgentProcess.start([...args, ...credentials]);
    agents.push(second);
    await second.waitForLog(/\] connected/, 15_000);
    expect(second.logs).not.toMatch(/enrolled/);
    expect((await stats()).enrollment.enrollments.key).toEqual(enrollment.enrollments.key);
  });

  it('an agent that cannot store its secret says so and keeps reporting with it', async () => {
    writeFileSync(join(dir, 'good.key'), 'key-good\n');
    // A folder that does not exist: not writable, whoever runs the test (root included).
    const a = AgentProcess.start([
      ...['--host-root', host.root, '--server', dashboard.url(REPORT_PATH), '--id', 'node-43', '--interval', '1'],
      ...['--secret-file', join(dir, 'no-such-folder', 'secret'), '--enrollment-key-file', join(dir, 'good.key')],
    ]);
    agents.push(a);
    await a.waitForLog(/ERROR .*enrolled, but the secret cannot be stored/, 15_000);
    await until(() => online('node-43'), Boolean, 'node-43 online');
  });

  it('keeps an enrolled server across a restart: its secret admits it, the key cannot take it over', async () => {
    expect(node1Secret).not.toBe('');
    await dashboard.stop();
    dashboard = await DashboardProcess.start({
      dir: dashboard.dir,
      servers: [{ id: 'web-1', secret: 'secret-of-web-1' }],
      config: { enrollment: ENROLLMENT, metrics: { mode: 'public' }, limits: { authFailures: 4 } },
    });
    const takeover = connect('node-1', 'key-good', '127.0.0.16');
    expect({ ...(await closed(takeover.ws)), frames: takeover.frames }).toEqual({
      code: CloseCode.POLICY_VIOLATION,
      reason: 'authentication failed',
      frames: [],
    });
    const own = connect('node-1', node1Secret, '127.0.0.16');
    await opened(own.ws);
    const frontend = await new FrontendClient(dashboard.url(FRONTEND_PATH)).open();
    own.ws.send(JSON.stringify(exampleServerInfo({ serverId: 'node-1', timestamp: 1_700_000_003 })));
    await frontend.waitFor((m) => m.serverId === 'node-1' && m.timestamp === 1_700_000_003, 10_000);
    frontend.close();
    expect(own.frames).toEqual([]);
  });
});
