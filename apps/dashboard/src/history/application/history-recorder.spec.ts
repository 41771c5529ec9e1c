import { exampleServerInfo } from '@sss/contracts';
import { Log } from '@sss/log';
import { sql } from 'kysely';
import { tempSqliteDatabase } from '../../../../../test/support/temp-sqlite-store';
import { KyselyHistoryStore } from '../adapters/outbound/kysely/kysely-history.store';
import { PackedSampleBatch } from '../adapters/outbound/memory/packed-sample-batch';
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
      batches: () => new PackedSampleBatch(),
    });
    // Report n is at second n, with n % of CPU.
    const report = (n: number) =>
      recorder.recordReport(
        'web-1',
        exampleServerInfo({ serverId: 'web-1', cpu: { percent: n, cores: 1, modelName: 'test' } }),
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
