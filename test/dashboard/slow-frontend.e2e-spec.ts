import { CloseCode, exampleServerInfo, FRONTEND_PATH, REPORT_PATH } from '@sss/contracts';
import WebSocket from 'ws';
import { DashboardProcess } from '../support/dashboard-process';
import { agentSocket, closed, FrontendClient, opened, sleep } from '../support/ws-clients';

/**
 * A frontend that stops reading is dropped once it has been backed up for
 * frontendMaxBackedUpSeconds, long before its queue reaches the byte bound.
 */
describe('a frontend that stops reading, with small reports', () => {
  let dashboard: DashboardProcess;

  beforeAll(async () => {
    dashboard = await DashboardProcess.start({
      servers: [{ id: 'a', secret: 'secret-a' }],
      config: { frontendMaxBackedUpSeconds: 2, frontendMaxBufferedBytes: 512 * 1024 * 1024, limits: { reportsPerSecond: 100_000 } },
    });
  });
  afterAll(() => dashboard.stop());

  it('is dropped with 1013 within the time bound while far below the byte bound; a reading client gets everything', async () => {
    const reader = await new FrontendClient(dashboard.url(FRONTEND_PATH)).open();
    const slow = new WebSocket(dashboard.url(FRONTEND_PATH));
    await opened(slow);
    const slowClosed = closed(slow, 60_000);
    slow.pause(); // stops reading from the TCP socket
    let dropped = false;
    const droppedLogged = dashboard.waitForLog(/dropping slow frontend client/, 60_000).then(() => {
      slow.resume(); // so its close frame, behind what it left unread, arrives
      dropped = true;
    });

    const ws = agentSocket(dashboard.url(REPORT_PATH), 'a', 'secret-a');
    await opened(ws);
    // ~13 KB reports: fast until the kernel's buffers are full, then a steady trickle; 40 MB at most in all.
    const disks = Array.from({ length: 64 }, (_, i) => ({ ...exampleServerInfo().disk[0], path: `/mnt/${'d'.repeat(150)}${i}` }));
    let sent = 0;
    while (!dropped && sent < 3_000) {
      ws.send(JSON.stringify(exampleServerInfo({ serverId: 'a', disk: disks, timestamp: sent++ })));
      await sleep(sent < 1_500 ? (sent % 50 === 0 ? 20 : 0) : 20);
    }
    await droppedLogged;
    // Its close frame sits behind megabytes it left unread: read within the dashboard's 1 s grace it is 1013, else the cut shows as 1006.
    expect([CloseCode.TRY_AGAIN_LATER, 1006]).toContain((await slowClosed).code);
    const line = /dropping slow frontend client buffered=(\d+) backedUpSeconds=(\d+)/.exec(dashboard.logs)!;
    expect(Number(line[1])).toBeLessThan(64 * 1024 * 1024);
    expect(Number(line[2])).toBeGreaterThanOrEqual(2);
    await reader.waitFor((m) => m.serverId === 'a' && m.timestamp === sent - 1, 15_000);
    reader.close();
    ws.terminate();
  }, 90_000);
});
