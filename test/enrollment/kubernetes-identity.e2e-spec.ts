import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  API_PATHS,
  type CatalogServer,
  CloseCode,
  exampleServerInfo,
  FRONTEND_PATH,
  REPORT_PATH,
  type StatsResponse,
} from '@sss/contracts';
import WebSocket from 'ws';
import { AgentProcess } from '../agent/support/agent-process';
import { HostRootFixture } from '../agent/support/host-root-fixture';
import { DashboardProcess } from '../support/dashboard-process';
import { FakeKubernetesApi } from '../support/fake-kubernetes-api';
import { parseExposition, valueOf } from '../support/prometheus-text';
import { closed, FrontendClient, opened, textOf, until, upgradeStatus } from '../support/ws-clients';

/**
 * Kubernetes identity (PROTOCOL.md "Enrollment") against a real dashboard and
 * a local HTTPS server answering the TokenReview API as Kubernetes documents
 * it: there is no cluster here, and the dashboard cannot tell.
 */
const AUDIENCE = 'sss-test';

describe('Kubernetes identity against a real dashboard and a TokenReview API', () => {
  let api: FakeKubernetesApi;
  let dashboard: DashboardProcess;
  const sockets: WebSocket[] = [];
  const agents: AgentProcess[] = [];
  const host = new HostRootFixture();
  const dir = mkdtempSync(join(tmpdir(), 'sss-k8s-agent-'));

  /** An agent socket presenting `token`; `id` is its X-SERVER-ID (none when undefined). */
  const connect = (token: string, id: string | undefined, localAddress = '127.0.0.1') => {
    const ws = new WebSocket(dashboard.url(REPORT_PATH), {
      headers: { Authorization: `Bearer ${token}`, ...(id === undefined ? {} : { 'X-SERVER-ID': id }) },
      localAddress,
    });
    const frames: string[] = [];
    ws.on('message', (data) => frames.push(textOf(data)));
    sockets.push(ws);
    return { ws, frames };
  };
  const stats = async () => (await (await fetch(dashboard.url(API_PATHS.stats, 'http'))).json()) as StatsResponse;
  const servers = async () => (await (await fetch(dashboard.url(API_PATHS.catalog, 'http'))).json()) as CatalogServer[];
  const registered = async (id: string) => (await servers()).some((s) => s.serverId === id);
  /** Connects with `token` and reports as `node`: resolves once the report reached a console. */
  const admitted = async (token: string, node: string, id: string | undefined = node) => {
    const frontend = await new FrontendClient(dashboard.url(FRONTEND_PATH)).open();
    const socket = connect(token, id);
    await opened(socket.ws);
    const timestamp = 1_700_000_000 + Math.floor(Math.random() * 1_000_000);
    socket.ws.send(JSON.stringify(exampleServerInfo({ serverId: node, timestamp })));
    await frontend.waitFor((m) => m.serverId === node && m.timestamp === timestamp, 10_000);
    frontend.close();
    return socket;
  };
  let refusals = 0;
  /** Each refusal comes from an address of its own: the strikes it earns block nobody else. */
  const refused = async (token: string, id: string | undefined) => {
    const { ws, frames } = connect(token, id, `127.0.1.${++refusals}`);
    const { code, reason } = await closed(ws, 15_000);
    return { code, reason, frames };
  };
  const REFUSED = { code: CloseCode.POLICY_VIOLATION, reason: 'authentication failed', frames: [] };

  beforeAll(async () => {
    api = await FakeKubernetesApi.start();
    dashboard = await DashboardProcess.start({
      servers: [{ id: 'web-1', secret: 'secret-of-web-1' }],
      config: {
        metrics: { mode: 'public' },
        limits: { authFailures: 3 },
        enrollment: {
          keys: [{ secret: 'key-good', idPattern: 'keyed-.*' }],
          kubernetes: {
            enabled: true,
            audience: AUDIENCE,
            apiServer: api.url,
            caFile: api.caFile,
            tokenFile: api.tokenFile,
            concurrentReviews: 2,
          },
        },
      },
    });
  });
  afterEach(async () => {
    api.down = false;
    api.hangUp = false;
    api.audienceUnaware = false;
    api.delayMs = 0;
    await Promise.all(agents.splice(0).map((a) => a.stop()));
    const open = sockets.splice(0).filter((ws) => ws.readyState !== WebSocket.CLOSED);
    open.forEach((ws) => ws.close());
    await Promise.all(open.map((ws) => closed(ws)));
  });
  afterAll(async () => {
    await dashboard?.stop();
    await api?.close();
  });

  it('registers the node a valid token names on its first connection, asking the API once as documented; the cached review admits it again', async () => {
    const token = api.issue({ node: 'node-a', audiences: [AUDIENCE, 'other'] });
    const before = await stats();
    const first = await admitted(token, 'node-a');
    expect(first.frames).toEqual([]); // nothing to store: the token is the credential every time
    expect(api.reviews.filter((r) => r.body.spec?.token === token)).toEqual([
      {
        authorization: `Bearer ${api.callerToken}`,
        body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token, audiences: [AUDIENCE] } },
      },
    ]);
    expect(await registered('node-a')).toBe(true);

    first.ws.close();
    await closed(first.ws);
    await admitted(token, 'node-a', undefined); // X-SERVER-ID is optional: the node name is the id
    expect(api.reviewsOf(token)).toBe(1); // the second connection sent no review
    const after = await stats();
    expect(after.enrollment.tokenReviews.cacheHits - before.enrollment.tokenReviews.cacheHits).toBe(1);
    expect(after.enrollment.enrollments.kubernetes.accepted - before.enrollment.enrollments.kubernetes.accepted).toBe(2);
  });

  it('admits a rotated token for a node it registered, with the dashboard reading its own rotated token too', async () => {
    await admitted(api.issue({ node: 'node-r', audiences: [AUDIENCE] }), 'node-r');
    api.rotateCallerToken('dashboard-sa-token-2');
    const rotated = api.issue({ node: 'node-r', audiences: [AUDIENCE] });
    await admitted(rotated, 'node-r');
    expect(api.reviews.find((r) => r.body.spec?.token === rotated)?.authorization).toBe('Bearer dashboard-sa-token-2');
  });

  it('takes the node from the pod-bound claims when the review has no node-name extra', async () => {
    await admitted(api.issue({ node: 'node-old', audiences: [AUDIENCE], withoutNodeExtra: true }), 'node-old');
  });

  it('refuses an invalid token, a wrong audience, another service account and a token naming another node than X-SERVER-ID: 1008, nothing registered', async () => {
    const before = await stats();
    expect(await refused('not-a-token', 'node-x')).toEqual(REFUSED);
    const forged = api.issue({ node: 'node-x', audiences: [AUDIENCE] }).replace(/\.[^.]+$/, '.Zm9yZ2Vk');
    expect(await refused(forged, 'node-x')).toEqual(REFUSED);
    expect(await refused(api.issue({ node: 'node-x', audiences: ['vault'] }), 'node-x')).toEqual(REFUSED);
    const stranger = { namespace: 'default', name: 'builder' };
    expect(await refused(api.issue({ node: 'node-x', audiences: [AUDIENCE], serviceAccount: stranger }), 'node-x')).toEqual(REFUSED);
    expect(await refused(api.issue({ node: 'node-x', audiences: [AUDIENCE] }), 'node-y')).toEqual(REFUSED);
    expect(await refused(api.issue({ node: 'node-x', audiences: [AUDIENCE], expiresIn: -60 }), 'node-x')).toEqual(REFUSED);
    api.audienceUnaware = true; // authenticated, but not for our audience
    expect(await refused(api.issue({ node: 'node-x', audiences: ['vault'] }), 'node-x')).toEqual(REFUSED);
    expect(await registered('node-x')).toBe(false);
    expect(await registered('node-y')).toBe(false);
    const after = await stats();
    expect(after.enrollment.enrollments.kubernetes.refused - before.enrollment.enrollments.kubernetes.refused).toBe(7);
    expect(after.rejects.authentication - before.rejects.authentication).toBe(7);
  });

  it('never lets a token take over an id registered otherwise: configured or enrolled by key', async () => {
    const keyed = new WebSocket(dashboard.url(REPORT_PATH), { headers: { 'X-SERVER-ID': 'keyed-1', 'X-AUTH-SECRET': 'key-good' } });
    sockets.push(keyed);
    await new Promise((res) => keyed.once('message', res)); // enrolled by key
    expect(await refused(api.issue({ node: 'keyed-1', audiences: [AUDIENCE] }), 'keyed-1')).toEqual(REFUSED);
    expect(await refused(api.issue({ node: 'web-1', audiences: [AUDIENCE] }), 'web-1')).toEqual(REFUSED);
    expect(await refused(api.issue({ node: 'web-1', audiences: [AUDIENCE] }), undefined)).toEqual(REFUSED);
    // And the other way round: an enrollment key cannot take a node that Kubernetes identity registered.
    await admitted(api.issue({ node: 'keyed-2', audiences: [AUDIENCE] }), 'keyed-2');
    const taken = new WebSocket(dashboard.url(REPORT_PATH), { headers: { 'X-SERVER-ID': 'keyed-2', 'X-AUTH-SECRET': 'key-good' } });
    sockets.push(taken);
    expect((await closed(taken)).code).toBe(CloseCode.POLICY_VIOLATION);
  });

  it('with the API down, closes with 1013 (try again later), registers nothing and strikes nobody', async () => {
    const before = await stats();
    for (let i = 0; i < 4; i++) {
      // Answering 503, or cutting the connection.
      api.down = i % 2 === 0;
      api.hangUp = !api.down;
      const { ws, frames } = connect(api.issue({ node: 'node-down', audiences: [AUDIENCE] }), 'node-down', '127.0.0.31');
      expect({ ...(await closed(ws, 15_000)), frames }).toEqual({
        code: CloseCode.TRY_AGAIN_LATER,
        reason: 'identity cannot be checked now, try again later',
        frames: [],
      });
    }
    const after = await stats();
    expect(after.enrollment.tokenReviews.errors - before.enrollment.tokenReviews.errors).toBe(4);
    expect(after.enrollment.enrollments.kubernetes.unavailable - before.enrollment.enrollments.kubernetes.unavailable).toBe(4);
    expect(await registered('node-down')).toBe(false);
    // Four 1013s are no strikes: limits.authFailures (3) would have blocked the address by now.
    expect(await upgradeStatus(dashboard.url(REPORT_PATH), { localAddress: '127.0.0.31' })).toBe(101);
  });

  it('leaves no session behind for an agent gone while its review was pending', async () => {
    const before = await stats();
    api.delayMs = 500;
    const token = api.issue({ node: 'node-gone', audiences: [AUDIENCE] });
    const { ws } = connect(token, 'node-gone', '127.0.0.33');
    await opened(ws);
    ws.terminate();
    await until(() => registered('node-gone'), Boolean, 'the review answered and the node registered');
    await until(stats, (s) => s.agents === before.agents, 'no agent session left');
    expect((await dashboard.servers()).find((s) => s.serverId === 'node-gone')?.online ?? false).toBe(false);
  });

  it('sends at most concurrentReviews reviews at once, the rest waiting their turn', async () => {
    api.delayMs = 300;
    const nodes = Array.from({ length: 8 }, (_, i) => `burst-${i}`);
    const sent = api.reviews.length;
    api.maxInFlight = 0;
    const sockets = nodes.map((node) => connect(api.issue({ node, audiences: [AUDIENCE] }), node, '127.0.0.32'));
    await Promise.all(sockets.map(({ ws }) => opened(ws)));
    await until(
      async () => (await servers()).filter((s) => s.serverId.startsWith('burst-')).length,
      (n) => n === nodes.length,
      'every node registered',
    );
    expect(api.reviews.length - sent).toBe(nodes.length);
    expect(api.maxInFlight).toBe(2);
  });

  it('the built agent sends the token file it reads afresh for every connection, and retries with its backoff while refused', async () => {
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, api.issue({ node: 'node-agent', audiences: ['wrong-audience'] }));
    const agent = AgentProcess.start([
      ...['--host-root', host.root, '--server', dashboard.url(REPORT_PATH), '--id', 'node-agent', '--interval', '1'],
      ...['--kubernetes-token-file', tokenFile],
    ]);
    agents.push(agent);
    await agent.waitForLog(/dashboard refused this agent code=1008/, 15_000);
    // The kubelet rotates the token; the API is briefly down: 1013, and the agent tries again.
    api.down = true;
    writeFileSync(tokenFile, api.issue({ node: 'node-agent', audiences: [AUDIENCE] }));
    await agent.waitForLog(/code=1013/, 30_000);
    api.down = false;
    await agent.waitForLog(/\] connected/, 30_000);
    await until(async () => (await dashboard.servers()).some((s) => s.serverId === 'node-agent' && s.online), Boolean, 'node-agent online');
  }, 90_000);

  it('exports the TokenReview counters in /metrics', async () => {
    const { enrollment } = await stats();
    const families = parseExposition(await (await fetch(dashboard.url('/metrics', 'http'))).text());
    expect(valueOf(families, 'sss_token_reviews_total')).toBe(enrollment.tokenReviews.requests);
    expect(valueOf(families, 'sss_token_review_errors_total')).toBe(enrollment.tokenReviews.errors);
    expect(valueOf(families, 'sss_token_review_cache_hits_total')).toBe(enrollment.tokenReviews.cacheHits);
    expect(valueOf(families, 'sss_enrollments_total', { way: 'kubernetes', outcome: 'accepted' })).toBe(
      enrollment.enrollments.kubernetes.accepted,
    );
    expect(enrollment.tokenReviews.requests).toBeGreaterThan(0);
  });
});
