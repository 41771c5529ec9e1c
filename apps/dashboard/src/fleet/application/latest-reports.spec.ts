import { exampleServerInfo } from '@sss/contracts';
import { Log } from '@sss/log';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../../platform/storage/migrations/migrate';
import { openSqlite } from '../../platform/storage/open-sqlite';
import { KyselyLatestReportStore } from '../adapters/outbound/kysely/kysely-latest-report.store';
import { ByteReportCache } from '../adapters/outbound/memory/byte-report.cache';
import { ServerRegistry } from '../domain/server-registry';
import { LatestReports } from './latest-reports';
import type { CachedReport } from './ports/report-cache.port';

describe('LatestReports over a real SQLite file', () => {
  it('saves every changed server in slices and brings them all back offline in a new registry', async () => {
    const db = openSqlite(join(mkdtempSync(join(tmpdir(), 'sss-latest-')), 'sss.db'));
    await migrate(db, 'sqlite');
    const store = new KyselyLatestReportStore(db);
    const log = new Log('test', { sink: { write: () => undefined } });
    let now = 1_000;
    const clock = { now: () => now };
    const cache = new ByteReportCache();
    const registry = new ServerRegistry<CachedReport>(30_000, clock);
    const latest = new LatestReports(registry, cache, store, log);
    const ids = Array.from({ length: 1_234 }, (_, i) => `s${i}`);
    for (const id of ids) registry.report(id, cache.keep(JSON.stringify(exampleServerInfo({ serverId: id })), undefined));
    await latest.save();
    now = 2_000;
    registry.report(
      's7',
      cache.keep(JSON.stringify(exampleServerInfo({ serverId: 's7', serverName: 'renamed' })), registry.get('s7')?.report),
    );
    await latest.save();

    const restarted = new ServerRegistry<CachedReport>(30_000, clock);
    expect(await new LatestReports(restarted, cache, store, log).restore()).toBe(ids.length);
    expect(restarted.snapshot().every((s) => !s.online)).toBe(true);
    const s7 = restarted.get('s7')!;
    expect([s7.lastSeen, (JSON.parse(cache.json(s7.report)) as { serverName: string }).serverName]).toEqual([2_000, 'renamed']);
    await db.destroy();
  });
});
