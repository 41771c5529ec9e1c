import { exampleServerInfo, FRONTEND_PATH, REPORT_PATH, type ServerUpdate } from '@sss/contracts';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type WebSocket from 'ws';
import { AgentProcess } from '../agent/support/agent-process';
import { HostRootFixture } from '../agent/support/host-root-fixture';
import { stagedTimes } from '../history/support/staged-times';
import { DashboardProcess } from '../support/dashboard-process';
import { agentSocket, FrontendClient, opened, sleep, until } from '../support/ws-clients';

/** The history recorder writes what it holds every second; a kill loses that second and the write in flight. */
const FLUSH_MS = 1_000;
const WRITE_IN_FLIGHT_MS = 1_000;

/** History keeps one sample per server per second, at the report's receipt time rounded to the second. */
const secondOf = (ms: number) => Math.round(ms / 1000) * 1000;
const secondsOf = (times: number[]) => [...new Set(times.map(secondOf))];

/** Every second with a report stored for `serverId`, oldest first. */
function storedReportTimes(dir: string, serverId: string): number[] {
  const db = new Database(join(dir, 'sss.db'), { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return stagedTimes(db, serverId);
  } finally {
    db.close();
  }
}

const seenBy = (frontend: FrontendClient, serverId: string) =>
  frontend.messages.filter(
    (m): m is ServerUpdate & { lastSeen: number } => m.serverId === serverId && m.online && m.lastSeen !== undefined,
  );

describe('kill -9 of the dashboard while it writes history', () => {
  it('opens the database cleanly after a restart, with every report but those of the last second', async () => {
    const servers = ['k1', 'k2'].map((id) => ({ id, secret: `kill-test-secret-${id}` }));
    const first = await DashboardProcess.start({ servers, config: { limits: { reportsPerSecond: 100 } } });
    const frontend = await new FrontendClient(first.url(FRONTEND_PATH)).open();
    const sockets: WebSocket[] = [];
    for (const { id, secret } of servers) {
      const ws = agentSocket(first.url(REPORT_PATH), id, secret);
      ws.on('error', () => undefined); // the kill cuts it
      await opened(ws);
      sockets.push(ws);
    }
    // Ten reports a second from each: the dashboard is always between two writes.
    const reporting = setInterval(() => {
      for (const [i, ws] of sockets.entries()) ws.send(JSON.stringify(exampleServerInfo({ serverId: servers[i].id })));
    }, 100);
    try {
      await frontend.waitFor(() => seenBy(frontend, 'k2').length >= 40, 30_000);
      first.proc.kill('SIGKILL');
      await first.exited;
    } finally {
      clearInterval(reporting);
    }
    frontend.close();

    const second = await DashboardProcess.start({ servers, dir: first.dir });
    try {
      expect((await fetch(second.url('/readyz', 'http'))).status).toBe(200);
      expect(second.logs).not.toMatch(/ ERROR /);
      for (const { id } of servers) {
        const relayed = seenBy(frontend, id).map((m) => m.lastSeen);
        const stored = storedReportTimes(first.dir, id);
        const lastStored = stored[stored.length - 1];
        // At most the last flush interval (and the write it was doing) is lost ...
        expect(secondOf(relayed[relayed.length - 1]) - lastStored).toBeLessThanOrEqual(FLUSH_MS + WRITE_IN_FLIGHT_MS);
        // ... and every second before it is there, once.
        const kept = secondsOf(relayed).filter((at) => at <= lastStored);
        expect(kept.length).toBeGreaterThanOrEqual(3);
        expect(stored.filter((at) => at >= kept[0])).toEqual(kept);
      }
    } finally {
      await second.stop();
    }
  }, 90_000);
});

describe('frozen processes (SIGSTOP, then SIGCONT)', () => {
  const host = new HostRootFixture();
  const servers = ['f1', 'f2'].map((id) => ({ id, secret: `freeze-test-secret-${id}` }));
  let dashboard: DashboardProcess;
  let agents: Record<string, AgentProcess>;

  beforeEach(async () => {
    dashboard = await DashboardProcess.start({ servers, config: { offlineAfterSeconds: 3 } });
    agents = Object.fromEntries(
      servers.map(({ id, secret }) => [
        id,
        AgentProcess.start(['--server', dashboard.url(REPORT_PATH), '--id', id, '--interval', '1', '--host-root', host.root], {
          SSS_AGENT_SECRET: secret,
        }),
      ]),
    );
  });
  afterEach(async () => {
    for (const agent of Object.values(agents)) {
      agent.proc.kill('SIGCONT'); // a failed test may leave one stopped
      await agent.stop();
    }
    await dashboard.stop();
  });

  it('an agent: offline after the silence, online again after SIGCONT; the other agent unaffected', async () => {
    const frontend = await new FrontendClient(dashboard.url(FRONTEND_PATH)).open();
    await frontend.waitFor((m) => m.serverId === 'f1' && m.online, 20_000);
    await frontend.waitFor((m) => m.serverId === 'f2' && m.online, 20_000);

    agents.f1.proc.kill('SIGSTOP');
    const stoppedAt = Date.now();
    await frontend.waitFor((m) => m.serverId === 'f1' && !m.online, 20_000);
    await frontend.waitFor((m) => m.serverId === 'f2' && m.lastSeen > stoppedAt + 4_000, 20_000);

    agents.f1.proc.kill('SIGCONT');
    const continuedAt = Date.now();
    await frontend.waitFor((m) => m.serverId === 'f1' && m.online && m.lastSeen > continuedAt, 30_000);
    expect(frontend.messages.filter((m) => m.serverId === 'f2' && !m.online)).toEqual([]);
    expect(agents.f2.countLog(/\[transport\] connected/)).toBe(1);
    frontend.close();
  }, 90_000);

  it("the dashboard, past the agents' pong timeout: they reconnect after SIGCONT, with no report lost before the freeze", async () => {
    const frontend = await new FrontendClient(dashboard.url(FRONTEND_PATH)).open();
    for (const { id } of servers) await frontend.waitFor((m) => m.serverId === id && m.online, 20_000);
    await sleep(3_000); // a few reports each

    dashboard.proc.kill('SIGSTOP');
    const stoppedAt = Date.now();
    // Agents ping every 30 s and give up 45 s after an unanswered ping: then they back off and retry.
    for (const agent of Object.values(agents)) await agent.waitForLog(/WARN .*\[transport\] (disconnected|connection failed)/, 120_000);
    dashboard.proc.kill('SIGCONT');
    const continuedAt = Date.now();

    const after = await new FrontendClient(dashboard.url(FRONTEND_PATH)).open();
    for (const { id } of servers) {
      await after.waitFor((m) => m.serverId === id && m.online && m.lastSeen > continuedAt, 60_000);
      await agents[id].waitForLogCount(/\[transport\] connected/, 2, 30_000);
    }
    // Every report relayed before the freeze is in the history; reports resume after it.
    const stored = await until(
      () => Promise.resolve(servers.map(({ id }) => storedReportTimes(dashboard.dir, id))),
      (times) => times.every((t) => t.some((at) => at > continuedAt)),
      'history after the freeze',
      30_000,
    );
    for (const [i, { id }] of servers.entries()) {
      const before = secondsOf(
        seenBy(frontend, id)
          .map((m) => m.lastSeen)
          .filter((at) => at < stoppedAt),
      );
      expect(before.length).toBeGreaterThanOrEqual(3);
      expect(stored[i].filter((at) => at >= before[0] && at <= before[before.length - 1])).toEqual(before);
    }
    frontend.close();
    after.close();
  }, 240_000);
});
