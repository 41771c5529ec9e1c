import {
  API_PATHS,
  exampleServerInfo,
  REPORT_PATH,
  FRONTEND_PATH,
  type CatalogServer,
  type EventsResponse,
  type StatsResponse,
} from '@sss/contracts';
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DashboardProcess } from '../support/dashboard-process';
import { agentSocket, closed, FrontendClient, opened, until } from '../support/ws-clients';
import { freePort } from '../support/free-port';

const SERVERS = ['web-1', 'db-1', 'never'].map((id) => ({ id, secret: `secret-${id}` }));

async function report(dashboard: DashboardProcess, id: string, percent: number): Promise<void> {
  const ws = agentSocket(dashboard.url(REPORT_PATH), id, `secret-${id}`);
  await opened(ws);
  ws.send(JSON.stringify(exampleServerInfo({ serverId: id, cpu: { percent, cores: 2, modelName: 'test' } })));
  await until(
    () => dashboard.servers(),
    (all) => all.some((s) => s.serverId === id && s.cpu.percent === percent),
    `${id} at ${percent} %`,
  );
  ws.close();
  await closed(ws);
}

async function get<T>(dashboard: DashboardProcess, path: string): Promise<T> {
  const res = await fetch(dashboard.url(path, 'http'));
  return (await res.json()) as T;
}

const events = (d: DashboardProcess, id: string) => get<EventsResponse>(d, API_PATHS.events.replace(':id', id));

describe('a restart keeps the fleet', () => {
  it.each([
    ['stopped', 'SIGTERM'],
    ['killed', 'SIGKILL'],
  ] as const)(
    '%s (%s): every server comes back offline with its last values, the never-reported one stays listed',
    async (_, signal) => {
      const first = await DashboardProcess.start({ servers: SERVERS });
      await report(first, 'web-1', 41.5);
      await report(first, 'db-1', 7.25);
      // The latest reports are saved every 10 s and at shutdown; a kill keeps what the last save had.
      if (signal === 'SIGKILL') await first.waitForLog(/agent disconnected serverId="db-1"/);
      if (signal === 'SIGKILL') await new Promise((r) => setTimeout(r, 11_000));
      await first.stop(signal);

      const second = await DashboardProcess.start({ servers: SERVERS, dir: first.dir });
      try {
        await second.waitForLog(/fleet restored servers=2/);
        const board = await second.servers();
        expect(board.map((s) => [s.serverId, s.online, s.cpu.percent]).sort()).toEqual([
          ['db-1', false, 7.25],
          ['web-1', false, 41.5],
        ]);
        const catalog = await get<CatalogServer[]>(second, API_PATHS.catalog);
        expect(catalog.find((s) => s.serverId === 'never')).toMatchObject({ lastSeen: null });
        // The restart is on record: web-1 went offline when its agent left, a closed interval either way.
        const { events: history } = await until(
          () => events(second, 'web-1'),
          (e) => e.events.length >= 2,
          'web-1 events',
        );
        expect(history[history.length - 1]).toMatchObject({ online: true, cause: 'report' });
        expect(history[0].online).toBe(false);

        const frontend = await new FrontendClient(second.url(FRONTEND_PATH)).open();
        await report(second, 'web-1', 50);
        expect(await frontend.waitFor((m) => m.serverId === 'web-1' && m.online && m.cpu.percent === 50)).toBeTruthy();
        frontend.close();
      } finally {
        await second.stop();
      }
    },
    60_000,
  );
});

describe('storage trouble never stops live monitoring', () => {
  /** Watches a real agent's reports reach a real frontend while the database refuses every write. */
  async function liveDespite(dashboard: DashboardProcess): Promise<StatsResponse> {
    try {
      const frontend = await new FrontendClient(dashboard.url(FRONTEND_PATH)).open();
      for (const percent of [1, 2, 3]) {
        await report(dashboard, 'web-1', percent);
        await frontend.waitFor((m) => m.serverId === 'web-1' && m.cpu.percent === percent);
      }
      frontend.close();
      const stats = await until(
        () => get<StatsResponse>(dashboard, API_PATHS.stats),
        (s) => s.storage.writeErrors >= 2,
        'counted write errors',
        40_000,
      );
      // Failures are logged once a minute, not once per retry.
      expect(dashboard.countLog(/history write failed/)).toBe(1);
      return stats;
    } finally {
      await dashboard.stop();
    }
  }

  it('a database locked by another process', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sss-locked-')), 'sss.db');
    const maker = await DashboardProcess.start({ servers: SERVERS, config: { storage: { path } } });
    await report(maker, 'web-1', 10);
    await maker.stop();
    // Another process's exclusive transaction: every write waits out the busy timeout, then fails.
    const holder = new BetterSqlite3(path);
    holder.exec('begin exclusive');
    try {
      const stats = await liveDespite(await DashboardProcess.start({ servers: SERVERS, config: { storage: { path } } }));
      expect(stats.storage.engine).toBe('sqlite');
    } finally {
      holder.exec('rollback');
      holder.close();
    }
  }, 90_000);

  it('a database path that cannot exist (a file where its folder should be)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sss-nofolder-'));
    writeFileSync(join(dir, 'data'), 'not a folder');
    await liveDespite(await DashboardProcess.start({ servers: SERVERS, config: { storage: { path: join(dir, 'data', 'sss.db') } } }));
  }, 60_000);

  it('PostgreSQL down', async () => {
    // A port nobody listens on: the database server is down.
    const port = await freePort();
    const stats = await liveDespite(
      await DashboardProcess.start({ servers: SERVERS, config: { storage: { url: `postgres://sss@127.0.0.1:${port}/sss` } } }),
    );
    expect(stats.storage.engine).toBe('postgres');
  }, 60_000);
});
