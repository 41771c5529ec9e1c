import {
  ADMIN_SERVERS_PATH,
  API_PATHS,
  AUTH_PATHS,
  CloseCode,
  exampleServerInfo,
  FRONTEND_PATH,
  REPORT_PATH,
  type CatalogServer,
  type EventsResponse,
  type ServerUpdate,
  type StatsResponse,
} from '@sss/contracts';
import { argon2id, hash as argon2Hash } from 'argon2';
import type WebSocket from 'ws';
import { DashboardProcess } from '../support/dashboard-process';
import { createTestDatabase } from '../support/postgres-cluster';
import { parseExposition, valueOf } from '../support/prometheus-text';
import { RedisServer } from '../support/redis-server';
import { SessionClient } from '../support/session-client';
import { agentSocket, closed, FrontendClient, opened, until } from '../support/ws-clients';

const PASSWORD = 'the replicas admin password';
const SERVERS = ['web-1', 'web-2', 'quiet-1', 'mark-a', 'mark-b'].map((id) => ({ id, secret: `secret of ${id}` }));
const LIVE_MS = 20_000;

/** A real agent connection that reports every 200 ms (or when told); each report's uptime counts up, so each is told apart. */
class Agent {
  sent = 0;
  private timer?: NodeJS.Timeout;

  private constructor(
    readonly ws: WebSocket,
    private readonly id: string,
  ) {}

  static async connect(dashboard: DashboardProcess, id: string, secret = `secret of ${id}`): Promise<Agent> {
    const ws = agentSocket(dashboard.url(REPORT_PATH), id, secret);
    await opened(ws);
    return new Agent(ws, id);
  }

  report(): void {
    const base = exampleServerInfo();
    this.ws.send(JSON.stringify(exampleServerInfo({ serverId: this.id, system: { ...base.system, uptime: ++this.sent } })));
  }

  start(): this {
    this.report();
    this.timer = setInterval(() => this.report(), 200);
    return this;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    if (this.ws.readyState === this.ws.CLOSED) return;
    this.ws.close();
    await closed(this.ws);
  }
}

const isReport = (id: string, after: number) => (m: ServerUpdate) => m.serverId === id && m.online === true && m.system.uptime > after;

async function json<T>(dashboard: DashboardProcess, path: string): Promise<T> {
  const res = await fetch(dashboard.url(path, 'http'));
  if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`);
  return (await res.json()) as T;
}

const stats = (d: DashboardProcess) => json<StatsResponse>(d, API_PATHS.stats);
const events = (d: DashboardProcess, id: string) => json<EventsResponse>(d, API_PATHS.events.replace(':id', id));

describe('two dashboard replicas on one PostgreSQL and one Redis', () => {
  jest.setTimeout(180_000);
  let redis: RedisServer;
  let a: DashboardProcess;
  let b: DashboardProcess;
  let frontA: FrontendClient;
  let frontB: FrontendClient;
  let config: Record<string, unknown>;

  beforeAll(async () => {
    redis = await RedisServer.start();
    config = {
      storage: { url: await createTestDatabase() },
      bus: { url: redis.url },
      offlineAfterSeconds: 3,
      metrics: { mode: 'public' },
      admin: { username: 'root', passwordHash: await argon2Hash(PASSWORD, { type: argon2id }) },
    };
    [a, b] = await Promise.all([
      DashboardProcess.start({ servers: SERVERS, config }),
      DashboardProcess.start({ servers: SERVERS, config }),
    ]);
    [frontA, frontB] = await Promise.all([
      new FrontendClient(a.url(FRONTEND_PATH)).open(),
      new FrontendClient(b.url(FRONTEND_PATH)).open(),
    ]);
    // Both subscribed: a report on either reaches the other.
    await until(
      () => Promise.all([stats(a), stats(b)]),
      (s) => s.every((x) => x.bus.connected),
      'both replicas on the bus',
    );
  });

  afterAll(async () => {
    frontA?.close();
    frontB?.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
  });

  /**
   * Once a report on each replica is in the shared history, whatever either replica had recorded before
   * is too (a replica writes what it holds in order, all at once): the way to see that nothing more comes.
   */
  async function bothWritten(): Promise<void> {
    for (const [dashboard, id] of [
      [a, 'mark-a'],
      [b, 'mark-b'],
    ] as const) {
      const before = (await events(a, id)).events.length;
      const agent = await Agent.connect(dashboard, id);
      agent.report();
      await frontA.waitFor(isReport(id, 0), LIVE_MS);
      await agent.close();
      await until(
        () => events(a, id),
        (e) => e.events.length >= before + 2,
        `${id} online and offline recorded`,
      );
    }
  }

  it('shows an agent on A live to a frontend on B, its going offline too, and records each change once', async () => {
    const agent = (await Agent.connect(a, 'web-1')).start();
    await frontB.waitFor(isReport('web-1', 0), LIVE_MS);
    const seen = agent.sent;
    // Each later report arrives as well, the same message A's own frontend gets.
    const onB = await frontB.waitFor(isReport('web-1', seen + 2), LIVE_MS);
    const onA = await frontA.waitFor(isReport('web-1', seen + 2), LIVE_MS);
    expect(onB).toEqual(onA);
    expect((await b.servers()).find((s) => s.serverId === 'web-1')).toMatchObject({ online: true });

    await agent.close();
    const offline = await frontB.waitFor((m) => m.serverId === 'web-1' && m.online === false, LIVE_MS);
    expect(offline.lastSeen).toBe((await a.servers()).find((s) => s.serverId === 'web-1')!.lastSeen);
    await bothWritten();
    expect((await events(b, 'web-1')).events.map((e) => [e.online, e.cause])).toEqual([
      [false, 'connection-lost'],
      [true, 'report'],
    ]);
  });

  it('records offline by silence once, by the replica that holds the jobs lease', async () => {
    const leases = await Promise.all([stats(a), stats(b)]);
    expect(leases.map((s) => s.bus.leaseHeld).sort()).toEqual([false, true]);
    expect(leases[0].bus.replica).not.toBe(leases[1].bus.replica);

    const agent = await Agent.connect(a, 'quiet-1');
    agent.report();
    await frontB.waitFor(isReport('quiet-1', 0), LIVE_MS);
    // Connected and silent: past the threshold both replicas take it offline.
    await frontB.waitFor((m) => m.serverId === 'quiet-1' && m.online === false, LIVE_MS);
    await frontA.waitFor((m) => m.serverId === 'quiet-1' && m.online === false, LIVE_MS);
    await bothWritten();
    expect((await events(a, 'quiet-1')).events.map((e) => [e.online, e.cause])).toEqual([
      [false, 'silence'],
      [true, 'report'],
    ]);
    await agent.close();
  });

  it('takes a server added on A to B at once, and a deletion on A closes its agent on B and removes it there', async () => {
    const root = new SessionClient(a);
    expect((await root.call('POST', AUTH_PATHS.login, { username: 'root', password: PASSWORD })).status).toBe(200);
    const added = await root.call('POST', ADMIN_SERVERS_PATH, { serverId: 'stored-1' });
    expect(added.status).toBe(201);
    // B reads its catalog again on A's event, well before its periodic reload (every 30 s).
    await until(
      () => json<CatalogServer[]>(b, API_PATHS.catalog),
      (list) => list.some((s) => s.serverId === 'stored-1'),
      'stored-1 in B catalog',
      10_000,
    );
    const agent = (await Agent.connect(b, 'stored-1', added.json.secret as string)).start();
    await frontA.waitFor(isReport('stored-1', 0), LIVE_MS);

    const agentClosed = closed(agent.ws, LIVE_MS);
    expect((await root.call('DELETE', `${ADMIN_SERVERS_PATH}/stored-1?history=keep`)).status).toBe(204);
    expect(await agentClosed).toEqual({ code: CloseCode.POLICY_VIOLATION, reason: 'credentials revoked' });
    await agent.close();
    await until(
      () => b.servers(),
      (all) => !all.some((s) => s.serverId === 'stored-1'),
      'stored-1 gone from B',
    );
    expect((await a.servers()).some((s) => s.serverId === 'stored-1')).toBe(false);
  });

  it("restarts one replica without recording the other replica's servers offline, stopped or killed", async () => {
    const agent = (await Agent.connect(a, 'web-1')).start();
    try {
      await frontB.waitFor(isReport('web-1', agent.sent), LIVE_MS);
      for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
        frontB.close();
        await b.stop(signal);
        b = await DashboardProcess.start({ servers: SERVERS, config, dir: b.dir });
        frontB = await new FrontendClient(b.url(FRONTEND_PATH)).open();
        await frontB.waitFor(isReport('web-1', agent.sent), LIVE_MS);
        // After one offline threshold the restarted replica has checked what the last stop left open.
        await b.waitForLog(/intervals left open by the last stop checked servers=\d+ closed=0/, LIVE_MS);
      }
      await bothWritten();
      expect((await events(a, 'web-1')).events.filter((e) => e.cause === 'dashboard-restart')).toEqual([]);
    } finally {
      await agent.close();
    }
  });

  it('keeps serving each replica its own agents while Redis is down, and carries reports again once it is back', async () => {
    const agentA = (await Agent.connect(a, 'web-1')).start();
    const agentB = (await Agent.connect(b, 'web-2')).start();
    try {
      await frontB.waitFor(isReport('web-1', agentA.sent), LIVE_MS);
      await frontA.waitFor(isReport('web-2', agentB.sent), LIVE_MS);

      await redis.kill();
      await until(
        () => Promise.all([stats(a), stats(b)]),
        (s) => s.every((x) => !x.bus.connected && x.bus.dropped > 0),
        'both replicas off the bus, dropping',
      );
      const [downA, downB] = [agentA.sent, agentB.sent];
      await frontA.waitFor(isReport('web-1', downA + 3), LIVE_MS);
      await frontB.waitFor(isReport('web-2', downB + 3), LIVE_MS);
      // Each replica's board loses the other's server to silence; neither records that, as it cannot tell.
      await frontA.waitFor((m) => m.serverId === 'web-2' && m.online === false, LIVE_MS);
      await frontB.waitFor((m) => m.serverId === 'web-1' && m.online === false, LIVE_MS);

      await redis.start();
      const [upA, upB] = [agentA.sent, agentB.sent];
      await frontB.waitFor(isReport('web-1', upA), 60_000);
      await frontA.waitFor(isReport('web-2', upB), 60_000);

      await bothWritten();
      for (const id of ['web-1', 'web-2']) expect((await events(a, id)).events.filter((e) => e.cause === 'silence')).toEqual([]);

      const after = await stats(a);
      expect(after.bus).toMatchObject({ transport: 'redis', connected: true });
      expect(after.bus.errors).toBeGreaterThan(0);
      // Reconnecting every few hundred milliseconds to seconds, yet one warning per connection in the minute.
      for (const d of [a, b])
        for (const role of ['publisher', 'subscriber']) expect(d.countLog(new RegExp(`event bus unavailable.*role="${role}"`))).toBe(1);
      const families = parseExposition(await (await fetch(a.url('/metrics', 'http'))).text());
      expect(valueOf(families, 'sss_bus_connected', { transport: 'redis' })).toBe(1);
      expect(valueOf(families, 'sss_bus_events_dropped_total')).toBeGreaterThanOrEqual(after.bus.dropped);
      expect(valueOf(families, 'sss_bus_errors_total')).toBeGreaterThan(0);
      // One of the two runs the once-only jobs (after a replica was killed, its lease runs out first: 15 s).
      await until(
        async () => {
          const scrapes = await Promise.all([a, b].map(async (d) => (await fetch(d.url('/metrics', 'http'))).text()));
          return scrapes.map((text) => valueOf(parseExposition(text), 'sss_jobs_lease_held'));
        },
        (held) => held.sort().join() === '0,1',
        'one lease holder',
        LIVE_MS,
      );
    } finally {
      await Promise.all([agentA.close(), agentB.close()]);
    }
  });
});
