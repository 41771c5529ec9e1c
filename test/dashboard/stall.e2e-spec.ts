import { CloseReason, exampleServerInfo, FRONTEND_PATH, REPORT_PATH } from '@sss/contracts';
import WebSocket from 'ws';
import { DashboardProcess } from '../support/dashboard-process';
import { agentSocket, FrontendClient, opened, sleep } from '../support/ws-clients';

/**
 * A dashboard whose event loop stalls for longer than the idle timeout
 * (SIGSTOP, then SIGCONT): when it wakes, its timers run before it reads what
 * the agents sent meanwhile. That late sweep must not find them idle.
 */
describe('a dashboard that was frozen longer than the idle timeout', () => {
  let dashboard: DashboardProcess;

  beforeAll(async () => {
    dashboard = await DashboardProcess.start({
      servers: ['a', 'b'].map((id) => ({ id, secret: `secret-${id}` })),
      config: { idleTimeoutSeconds: 2, offlineAfterSeconds: 3, limits: { reportsPerSecond: 100 } },
    });
  });
  afterAll(() => dashboard.stop());

  it('keeps every agent connected and online once it runs again', async () => {
    const frontend = await new FrontendClient(dashboard.url(FRONTEND_PATH)).open();
    const closes: string[] = [];
    const agents = await Promise.all(
      ['a', 'b'].map(async (id) => {
        const ws = agentSocket(dashboard.url(REPORT_PATH), id, `secret-${id}`);
        ws.on('close', (code, reason) => closes.push(`${id}: ${code} ${reason.toString()}`));
        await opened(ws);
        return { id, ws };
      }),
    );
    let n = 0;
    const report = () => agents.forEach(({ id, ws }) => ws.send(JSON.stringify(exampleServerInfo({ serverId: id, timestamp: n }))));
    const reporting = setInterval(() => {
      n++;
      report();
    }, 250);
    try {
      await frontend.waitFor((m) => m.serverId === 'b' && m.timestamp >= 1);
      dashboard.proc.kill('SIGSTOP');
      await sleep(5_000); // longer than idleTimeoutSeconds (2) and offlineAfterSeconds (3)
      dashboard.proc.kill('SIGCONT');
      const resumedAt = n;
      // Reports sent after the thaw arrive; by then the late sweeps have run.
      await frontend.waitFor((m) => m.serverId === 'b' && m.timestamp >= resumedAt + 8, 15_000);
    } finally {
      clearInterval(reporting);
    }
    expect(closes).toEqual([]);
    expect(agents.every(({ ws }) => ws.readyState === WebSocket.OPEN)).toBe(true);
    expect(frontend.messages.filter((m) => !m.online)).toEqual([]);
    expect(dashboard.logs).not.toContain(CloseReason.IDLE);
    expect(dashboard.logs).not.toMatch(/closing idle agent connection/);
    agents.forEach(({ ws }) => ws.terminate());
    frontend.close();
  }, 40_000);
});
