import { API_PATHS, exampleServerInfo, REPORT_PATH, type ApiError, type TrafficByServer, type TrafficResponse } from '@sss/contracts';
import type WebSocket from 'ws';
import { DashboardProcess } from '../support/dashboard-process';
import { agentSocket, closed, opened, until } from '../support/ws-clients';

const QUOTA = 10_000;
const SERVERS = [
  { id: 'vps', secret: 'secret-vps', traffic: { resetDay: 31, quotaBytes: QUOTA, direction: 'max' } },
  { id: 'plain', secret: 'secret-plain' },
];
const BOOT = 1_767_000_000;

describe('traffic accounting against a real dashboard, fed by a real agent socket', () => {
  let dashboard: DashboardProcess;
  const get = async <T>(path: string): Promise<{ status: number; body: T }> => {
    const res = await fetch(dashboard.url(path, 'http'));
    return { status: res.status, body: (await res.json()) as T };
  };
  const traffic = (query = '') => get<TrafficResponse>(`/api/servers/vps/traffic${query}`);
  /** Sends reports whose counters are [sent, recv, bootTime], in order, over one agent connection. */
  const report = async (...counters: [number, number, number][]) => {
    const ws: WebSocket = agentSocket(dashboard.url(REPORT_PATH), 'vps', 'secret-vps');
    await opened(ws);
    for (const [bytesSent, bytesRecv, bootTime] of counters) {
      const info = exampleServerInfo({ serverId: 'vps' });
      ws.send(JSON.stringify({ ...info, network: { ...info.network, bytesSent, bytesRecv }, system: { ...info.system, bootTime } }));
    }
    return ws;
  };
  const sentRecv = (r: { body: TrafficResponse }) => [r.body.periods?.[0]?.sent, r.body.periods?.[0]?.recv];

  beforeAll(async () => {
    dashboard = await DashboardProcess.start({ servers: SERVERS });
  });
  afterAll(() => dashboard.stop());

  it('counts the growth of the counters across a reboot, and keeps the totals and the counters across a restart', async () => {
    // A baseline, +300/+700, then a reboot whose new counters count from zero: 400 sent, 900 received.
    const ws = await report([1_000, 5_000, BOOT], [1_300, 5_700, BOOT], [100, 200, BOOT + 600]);
    const { body } = await until(traffic, (r) => sentRecv(r).join() === '400,900', '400 sent and 900 received');
    ws.close();
    await closed(ws);
    const now = Date.now();
    const [current] = body.periods;
    expect(body).toMatchObject({ serverId: 'vps', resetDay: 31, quotaBytes: QUOTA, direction: 'max', percent: 9 });
    expect(current).toMatchObject({ used: 900 });
    expect(current.start).toBeLessThanOrEqual(now);
    expect(current.end).toBeGreaterThan(now);
    expect(new Date(current.start).getUTCHours()).toBe(0);
    const overview = (await get<TrafficByServer>(API_PATHS.trafficOverview)).body;
    expect(overview.vps).toEqual({ ...current, quotaBytes: QUOTA, percent: 9 });
    expect(overview.plain).toMatchObject({ sent: 0, recv: 0, used: 0, quotaBytes: null, percent: null });

    await dashboard.stop();
    dashboard = await DashboardProcess.start({ servers: SERVERS, dir: dashboard.dir });
    expect(sentRecv(await traffic())).toEqual([400, 900]);
    // The same boot: only the growth since the last report before the restart counts.
    const again = await report([250, 260, BOOT + 600]);
    const after = await until(traffic, (r) => sentRecv(r).join() === '550,960', '550 sent and 960 received');
    again.close();
    expect(after.body.percent).toBe(9.6);
  });

  it('answers several periods, the current one first, each ending where the newer one starts', async () => {
    const { status, body } = await traffic('?periods=3');
    expect(status).toBe(200);
    expect(body.periods).toHaveLength(3);
    expect(body.periods[1].end).toBe(body.periods[0].start);
    expect(body.periods[2].end).toBe(body.periods[1].start);
    expect(body.periods.slice(1).map((p) => p.used)).toEqual([0, 0]);
  });

  it.each([
    ['?periods=0', 'periods must be a whole number from 1 to 24'],
    ['?periods=25', 'periods must be a whole number from 1 to 24'],
    ['?periods=two', 'periods must be a whole number from 1 to 24'],
    ['?month=1', 'unknown parameter "month"'],
  ])('refuses %s with a 400 that says why', async (query, detail) => {
    expect(await get<ApiError>(`/api/servers/vps/traffic${query}`)).toEqual({
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: 'invalid parameters', details: [detail] },
    });
  });

  it('answers an unknown server with a 404 in the one error shape', async () => {
    expect(await get<ApiError>('/api/servers/nope/traffic')).toEqual({
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: 'unknown server "nope"' },
    });
  });
});
