import { exampleServerInfo } from '@sss/contracts';
import { Log } from '@sss/log';
import { sql } from 'kysely';
import { tempSqliteDatabase } from '../../../../../test/support/temp-sqlite-store';
import { KyselyHistoryStore } from '../adapters/outbound/kysely/kysely-history.store';
import { HistoryRecorder } from './history-recorder';

const SECOND = 1_000;

describe('HistoryRecorder over the real store (SQLite)', () => {
  it('holds reports while the store refuses writes, within its bound and oldest dropped first, and writes them once it can', async () => {
    const { db, close } = await tempSqliteDatabase();
    const lines: string[] = [];
    const log = new Log('history', { format: 'json', sink: { write: (line: string) => lines.push(line) } });
    let now = 1_000 * SECOND;
    const recorder = new HistoryRecorder(new KyselyHistoryStore(db, 'sqlite'), log, {
      engine: 'sqlite',
      maxPending: 5,
      now: () => now,
    });
    // Report n is at second n, with n % of CPU.
    const report = (n: number) =>
      recorder.recordReport(
        'web-1',
        JSON.stringify(exampleServerInfo({ serverId: 'web-1', cpu: { percent: n, cores: 1, modelName: 'test' } })),
        n * SECOND,
      );
    try {
      // The database refuses every write, as a read-only one does.
      await sql`pragma query_only = on`.execute(db);
      [1, 2, 3].forEach(report);
      const flushing = recorder.flush();
      [4, 5, 6, 7].forEach(report); // arrive while the write is under way
      await flushing;
      // 7 held against a bound of 5: the 2 oldest go.
      expect(await recorder.snapshot()).toMatchObject({ writeErrors: 1, dropped: 2, pending: 5 });
      report(8); // the buffer is full: a new one is refused and counted
      expect(await recorder.snapshot()).toMatchObject({ dropped: 3, pending: 5 });
      expect(lines.filter((l) => l.includes('history write failed'))).toHaveLength(1);

      await sql`pragma query_only = off`.execute(db);
      await recorder.flush(); // within the retry delay: nothing tried
      expect((await recorder.snapshot()).pending).toBe(5);
      now += SECOND;
      await recorder.flush();
      expect((await recorder.snapshot()).pending).toBe(0);
      const rows = await db.selectFrom('history_staging').select('at').orderBy('at').execute();
      expect(rows.map((r) => Number(r.at) / SECOND)).toEqual([3, 4, 5, 6, 7]);
    } finally {
      await close();
    }
  });
});

describe('HistoryRecorder.closeOpenIntervals after a restart (SQLite)', () => {
  const STARTED = 2_000 * SECOND;

  it('closes at the last sighting an interval a killed dashboard left open, unless another replica shows the server online', async () => {
    const { db, close } = await tempSqliteDatabase();
    const store = new KyselyHistoryStore(db, 'sqlite');
    const recorder = new HistoryRecorder(store, new Log('history', { sink: { write: () => undefined } }), {
      engine: 'sqlite',
      maxPending: 100,
      now: () => STARTED + 30 * SECOND,
    });
    const online = (serverId: string, at: number) => ({ serverId, online: true, at, cause: 'report' as const });
    const offline = (serverId: string, at: number, cause: 'connection-lost' | 'dashboard-restart') => ({
      serverId,
      online: false,
      at,
      cause,
    });
    try {
      await store.append(
        [],
        [
          online('killed', 1_000 * SECOND), // went down with the dashboard
          online('elsewhere', 1_000 * SECOND), // its agent reports to another replica, which shows it online
          online('back', 1_000 * SECOND), // went down with the dashboard, and its agent has reconnected here since
          online('back', STARTED + 5 * SECOND),
          online('closed', 1_000 * SECOND), // its interval was closed before the restart
          offline('closed', 1_500 * SECOND, 'connection-lost'),
        ],
      );
      await recorder.closeOpenIntervals(
        [
          { serverId: 'killed', lastSeen: 1_900 * SECOND, online: false },
          { serverId: 'elsewhere', lastSeen: 1_990 * SECOND, online: true },
          { serverId: 'back', lastSeen: 1_950 * SECOND, online: true },
          { serverId: 'closed', lastSeen: 1_500 * SECOND, online: false },
          { serverId: 'never', lastSeen: 1_500 * SECOND, online: false },
        ],
        STARTED,
      );
      await recorder.flush();
      const latest = async (id: string) =>
        (await store.transitions(id, Number.MAX_SAFE_INTEGER, 10)).map((t) => [t.online, t.at / SECOND, t.cause]);
      expect(await latest('killed')).toEqual([
        [false, 1_900, 'dashboard-restart'],
        [true, 1_000, 'report'],
      ]);
      expect(await latest('elsewhere')).toEqual([[true, 1_000, 'report']]);
      expect(await latest('back')).toEqual([
        [true, 2_005, 'report'],
        [false, 1_950, 'dashboard-restart'],
        [true, 1_000, 'report'],
      ]);
      expect(await latest('closed')).toEqual([
        [false, 1_500, 'connection-lost'],
        [true, 1_000, 'report'],
      ]);
      expect(await latest('never')).toEqual([]);
    } finally {
      await close();
    }
  });
});
