import { API_PATHS, exampleServerInfo, FRONTEND_PATH, REPORT_PATH, type StatsResponse } from '@sss/contracts';
import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { DashboardProcess } from '../support/dashboard-process';
import { FillableDisk } from '../support/fillable-disk';
import { stagedTimes } from './support/staged-times';
import { agentSocket, FrontendClient, opened, sleep, until } from '../support/ws-clients';

const SERVERS = [{ id: 'web-1', secret: 'secret-web-1' }];

describe('a full disk', () => {
  const disk = FillableDisk.create(24);
  afterAll(() => disk.dispose());

  it(`keeps live monitoring going, holds the reports, writes them once there is space, and leaves a sound database (${disk.kind})`, async () => {
    const path = join(disk.dir, 'sss.db');
    const dashboard = await DashboardProcess.start({ servers: SERVERS, config: { storage: { path } } });
    const pid = dashboard.proc.pid!;
    const stats = async () => (await (await fetch(dashboard.url(API_PATHS.stats, 'http'))).json()) as StatsResponse;
    let sent = 0;
    try {
      const frontend = await new FrontendClient(dashboard.url(FRONTEND_PATH)).open();
      const agent = agentSocket(dashboard.url(REPORT_PATH), 'web-1', 'secret-web-1');
      await opened(agent);
      /** One report, seen live by the frontend whatever the disk does; history keeps one per server per second, so they are spaced. */
      const report = async (percent: number) => {
        if (sent > 0) await sleep(1_500);
        agent.send(JSON.stringify(exampleServerInfo({ serverId: 'web-1', cpu: { percent, cores: 2, modelName: 'test' } })));
        sent++;
        await frontend.waitFor((m) => m.serverId === 'web-1' && m.cpu.percent === percent);
      };

      await report(1);
      await until(stats, (s) => s.storage.pending === 0, 'the first report written');

      disk.fill(pid);
      for (let percent = 2; percent <= 6; percent++) await report(percent);
      const full = await until(stats, (s) => s.storage.writeErrors >= 2, 'writes failing on the full disk', 30_000);
      expect(full.storage.pending).toBeGreaterThan(0);
      expect(full.storage.dropped).toBe(0);
      // Logged once a minute, not once per retry.
      expect(dashboard.countLog(/history write failed/)).toBe(1);

      disk.free(pid);
      await report(7);
      const after = await until(stats, (s) => s.storage.pending === 0, 'the held reports written once there is space', 70_000);
      expect(after.storage.dropped).toBe(0);
      agent.close();
      frontend.close();
    } finally {
      await dashboard.stop();
    }

    // Every report is in the database, which opens cleanly.
    const db = new BetterSqlite3(path, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const packed = db.prepare("select coalesce(sum(samples), 0) as n from history_raw where server_id = 'web-1'").get() as { n: number };
      expect(stagedTimes(db, 'web-1').length + packed.n).toBe(sent);
    } finally {
      db.close();
    }
  }, 150_000);
});
