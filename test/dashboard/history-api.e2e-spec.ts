import {
  API_PATHS,
  exampleServerInfo,
  exampleServerInfoV11,
  REPORT_PATH,
  type ApiError,
  type EventsResponse,
  type HistoryResponse,
  type UptimeByServer,
} from '@sss/contracts';
import type WebSocket from 'ws';
import { DashboardProcess } from '../support/dashboard-process';
import { agentSocket, closed, opened, sleep, until } from '../support/ws-clients';

const SERVERS = ['web-1', 'db-1', 'quiet', 'gpu-1'].map((id) => ({ id, secret: `secret-${id}` }));
const CPU = [11.5, 22.25, 33];
const BAD_METRICS =
  'metrics must be a comma-separated list of cpu, memory, swap, load, disk, diskio, network, processes, connections, temperature, gpu';

describe('the history API against a real dashboard, fed by real agents', () => {
  let dashboard: DashboardProcess;
  let started: number;
  const get = async <T>(path: string): Promise<{ status: number; body: T }> => {
    const res = await fetch(dashboard.url(path, 'http'));
    return { status: res.status, body: (await res.json()) as T };
  };
  const history = (query: string) => get<HistoryResponse>(`/api/servers/web-1/history?${query}`);

  beforeAll(async () => {
    dashboard = await DashboardProcess.start({ servers: SERVERS });
    started = Date.now();
    // web-1 reports three times, a second apart (raw samples are kept per whole second), then its agent leaves.
    const ws: WebSocket = agentSocket(dashboard.url(REPORT_PATH), 'web-1', 'secret-web-1');
    await opened(ws);
    for (const percent of CPU) {
      ws.send(JSON.stringify(exampleServerInfo({ serverId: 'web-1', cpu: { percent, cores: 4, modelName: 'test' } })));
      await sleep(1_100);
    }
    ws.close();
    await closed(ws);
  });
  afterAll(() => dashboard.stop());

  it('answers the reports as chart series from the raw tier, every series with its unit, at the asked step', async () => {
    const from = new Date(started - 2_000).toISOString();
    const { status, body } = await until(
      () => history(`from=${from}&step=1000`),
      (r) => r.body.series?.find((s) => s.name === 'cpu')?.avg.filter((v) => v !== null).length === CPU.length,
      'three recorded reports',
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ serverId: 'web-1', from: Date.parse(from), tier: 'raw', step: 1_000 });
    expect(body.to).toBeGreaterThan(started);
    expect(body.timestamps.length).toBe(Math.ceil(body.to / 1_000) - Math.floor(body.from / 1_000));
    const cpu = body.series.find((s) => s.name === 'cpu')!;
    expect(cpu).toMatchObject({ metric: 'cpu', unit: 'percent' });
    expect(cpu.avg.filter((v) => v !== null)).toEqual(CPU);
    expect(cpu.max.filter((v) => v !== null)).toEqual(CPU);
    const names = body.series.map((s) => [s.name, s.unit]);
    expect(names).toEqual(
      expect.arrayContaining([
        ['memory.used', 'bytes'],
        ['network.in', 'bytes/s'],
        ['network.sent', 'bytes'],
      ]),
    );
    const disk = body.series.find((s) => s.metric === 'disk')!;
    expect(disk).toMatchObject({ name: `disk.used ${disk.mount}`, unit: 'bytes' });

    // The default: the last hour at the round step for it, and only the asked metrics.
    const lastHour = (await history('metrics=cpu,load')).body;
    expect(lastHour).toMatchObject({ tier: 'raw', step: 5_000 });
    expect(lastHour.to - lastHour.from).toBe(3_600_000);
    expect(lastHour.timestamps.length).toBeLessThanOrEqual(721);
    expect(lastHour.series.map((s) => s.name)).toEqual(['cpu']); // exampleServerInfo reports no load
  });

  it('reads a long range from a roll-up tier, never more than 1,000 points', async () => {
    const { body } = await history(`from=${Date.now() - 30 * 86_400_000}`);
    expect(body).toMatchObject({ tier: '1h', step: 3_600_000 });
    expect(body.timestamps.length).toBeLessThanOrEqual(1_000);
    // The reports, rolled up on the fly (nothing is rolled up so soon) into one point: a minute's average weighs as
    // much as another's, so the point lies between the reports' extremes; its maximum is their maximum.
    const cpu = body.series.find((s) => s.name === 'cpu')!;
    const [avg] = cpu.avg.filter((v) => v !== null);
    expect(cpu.avg.filter((v) => v !== null)).toHaveLength(1);
    expect(avg).toBeGreaterThanOrEqual(Math.min(...CPU));
    expect(avg).toBeLessThanOrEqual(Math.max(...CPU));
    expect(cpu.max.filter((v) => v !== null)).toEqual([Math.max(...CPU)]);
  });

  it('lists the online and offline transitions newest first, paged, with uptime; and the board uptime of every server', async () => {
    const { body } = await until(
      () => get<EventsResponse>('/api/servers/web-1/events'),
      (r) => r.body.events?.length === 2,
      'two transitions',
    );
    expect(body.events.map((e) => [e.online, e.cause])).toEqual([
      [false, 'connection-lost'],
      [true, 'report'],
    ]);
    expect(body.events[0].at).toBeGreaterThan(body.events[1].at);
    expect(body.nextBefore).toBeNull();
    expect(body.uptime['24h']).toBeGreaterThan(0);
    expect(body.uptime['24h']).toBeLessThan(100);

    const page = (await get<EventsResponse>('/api/servers/web-1/events?limit=1')).body;
    expect(page.events).toEqual([body.events[0]]);
    expect(page.nextBefore).toBe(body.events[0].at);
    const older = (await get<EventsResponse>(`/api/servers/web-1/events?limit=1&before=${page.nextBefore}`)).body;
    expect(older).toMatchObject({ events: [body.events[1]], nextBefore: null });

    expect(await get<EventsResponse>('/api/servers/quiet/events')).toEqual({
      status: 200,
      body: { serverId: 'quiet', events: [], nextBefore: null, uptime: { '24h': null, '7d': null, '30d': null } },
    });

    const uptime = await get<UptimeByServer>(API_PATHS.uptime);
    expect(uptime.status).toBe(200);
    expect(uptime.body).toEqual({ 'web-1': expect.any(Number) as number, 'db-1': null, quiet: null, 'gpu-1': null });
    // Asked later than the events, with web-1 offline since: a share above zero, and no larger.
    expect(uptime.body['web-1']).toBeGreaterThan(0);
    expect(uptime.body['web-1']).toBeLessThanOrEqual(body.uptime['24h']!);
  });

  it('shows the database in /api/stats', async () => {
    const { body } = await until(
      () => get<{ storage: { engine: string; bytes: number | null } }>(API_PATHS.stats),
      (r) => (r.body.storage.bytes ?? 0) > 0,
      'a database size',
    );
    expect(body.storage.engine).toBe('sqlite');
  });

  it('stores and serves the series of protocol 1.1 fields: iowait and steal with the CPU, processes, connections, the hottest sensor, each GPU', async () => {
    const ws: WebSocket = agentSocket(dashboard.url(REPORT_PATH), 'gpu-1', 'secret-gpu-1');
    await opened(ws);
    const report = exampleServerInfoV11({ serverId: 'gpu-1' });
    ws.send(JSON.stringify(report));
    await sleep(1_100);
    ws.send(JSON.stringify({ ...report, processes: 220, temperatures: [{ sensor: 'outdoor/temp1', celsius: -3.5 }] }));
    ws.close();
    await closed(ws);

    const metrics = 'cpu,load,swap,processes,connections,temperature,gpu';
    const { body } = await until(
      () => get<HistoryResponse>(`/api/servers/gpu-1/history?metrics=${metrics}&step=1000&from=${Date.now() - 60_000}`),
      (r) => r.body.series?.find((s) => s.name === 'processes')?.avg.filter((v) => v !== null).length === 2,
      'two recorded 1.1 reports',
    );
    const values = (name: string) => body.series.find((s) => s.name === name)?.avg.filter((v) => v !== null);
    expect(body.series.map((s) => [s.metric, s.name, s.unit])).toEqual([
      ['cpu', 'cpu', 'percent'],
      ['cpu', 'cpu.iowait', 'percent'],
      ['cpu', 'cpu.steal', 'percent'],
      ['swap', 'swap.used', 'bytes'],
      ['load', 'load.1', 'load'],
      ['processes', 'processes', 'count'],
      ['connections', 'connections.tcp', 'count'],
      ['connections', 'connections.udp', 'count'],
      ['temperature', 'temperature.max', 'celsius'],
      ['gpu', 'gpu.util 0', 'percent'],
    ]);
    expect(values('cpu.iowait')).toEqual([1.5, 1.5]);
    expect(values('load.1')).toEqual([0.52, 0.52]);
    expect(values('processes')).toEqual([212, 220]);
    expect(values('connections.tcp')).toEqual([87, 87]);
    expect(values('temperature.max')).toEqual([54, -3.5]); // the hottest sensor of each report, below zero too
    expect(values('gpu.util 0')).toEqual([37, 37]);
    expect(body.series.find((s) => s.metric === 'gpu')).not.toHaveProperty('mount');

    // An old agent's server has none of them.
    const old = (await history(`metrics=processes,connections,temperature,gpu&from=${started - 2_000}`)).body;
    expect(old.series).toEqual([]);
  });

  describe('refuses bad parameters with a 400 that says which, and unknown servers with a 404', () => {
    const invalid = (details: string[]): { status: number; body: ApiError } => ({
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: 'invalid parameters', details },
    });
    const TIME = 'must be Unix milliseconds or an ISO 8601 date';

    it.each([
      ['from=yesterday', [`from ${TIME}`]],
      ['to=2026-13-45T99:00:00Z', [`to ${TIME}`]],
      ['from=1700000000000&to=1600000000000', ['from must be before to']],
      ['from=1000&to=1000', ['from must be before to']],
      ['from=0&to=200000000000', ['the range from..to must be at most 5 years']],
      ['metrics=cpu,bogus', [BAD_METRICS]],
      ['metrics=', [BAD_METRICS]],
      ['step=500', ['step must be whole milliseconds, at least 1000']],
      ['step=1.5e3', ['step must be whole milliseconds, at least 1000']],
      ['tier=raw', ['unknown parameter "tier"']],
      ['from=x&step=0&color=red', ['unknown parameter "color"', `from ${TIME}`, 'step must be whole milliseconds, at least 1000']],
    ])('history?%s', async (query, details) => {
      expect(await history(query)).toEqual(invalid(details));
    });

    it.each([
      ['limit=0', ['limit must be a whole number from 1 to 500']],
      ['limit=501', ['limit must be a whole number from 1 to 500']],
      ['limit=ten', ['limit must be a whole number from 1 to 500']],
      ['before=soon', ['before must be Unix milliseconds or an ISO 8601 date']],
      ['page=2', ['unknown parameter "page"']],
    ])('events?%s', async (query, details) => {
      expect(await get(`/api/servers/web-1/events?${query}`)).toEqual(invalid(details));
    });

    it.each(['history', 'events'])('%s of an unknown or malformed server id', async (route) => {
      expect(await get(`/api/servers/nobody/${route}`)).toEqual({
        status: 404,
        body: { statusCode: 404, error: 'Not Found', message: 'unknown server "nobody"' },
      });
      expect(await get(`/api/servers/no%20body/${route}`)).toEqual(invalid(['id must be 1 to 64 letters, digits, "_", "." or "-"']));
    });
  });
});
