import { readdirSync, readFileSync } from 'node:fs';
import { DashboardProcess } from '../support/dashboard-process';
import { until } from '../support/ws-clients';

/** Each thread's nice value from /proc (the 19th field of stat, after the command name); thread id → nice. */
function threadNices(pid: number): Map<number, number> {
  const nices = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`).map(Number)) {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    nices.set(tid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
  }
  return nices;
}

describe('the storage worker thread', () => {
  it('runs at nice 10 while the event loop keeps nice 0, so a busy CPU serves ingest and broadcast first', async () => {
    const dashboard = await DashboardProcess.start({ servers: [{ id: 'web-1', secret: 'storage-thread-secret-1' }] });
    try {
      const pid = dashboard.proc.pid!;
      // The worker starts with the first store call (the fleet's restore, at start).
      const nices = await until(
        () => Promise.resolve(threadNices(pid)),
        (n) => [...n.values()].includes(10),
        'a thread at nice 10',
      );
      expect(nices.get(pid)).toBe(0);
      expect([...nices.values()].filter((n) => n === 10)).toHaveLength(1);
      expect([...nices.values()].filter((n) => n !== 0 && n !== 10)).toEqual([]);
    } finally {
      await dashboard.stop();
    }
  });
});
