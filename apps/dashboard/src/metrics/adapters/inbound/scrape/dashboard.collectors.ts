import { REJECT_REASONS } from '@sss/contracts';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Subscription } from 'rxjs';
import type { AgentSessions, FleetStats } from '../../../../fleet';
import type { HistoryStatus } from '../../../../history';
import { perScrape } from './per-scrape';
import { totalCounter } from './total-counter';

/** Upper bounds of the broadcast histogram: one change sent to every console takes microseconds to milliseconds. */
const BROADCAST_BUCKETS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25];

export interface DashboardSources {
  sessions: AgentSessions;
  stats: FleetStats;
  history: HistoryStatus;
  version: string;
}

/**
 * Registers the dashboard's own metrics: connections, reports accepted and
 * refused, the broadcast histogram and the storage's write path. The counters
 * live in the fleet and history and are read at each scrape; only broadcast
 * durations are observed as they happen. Returns the subscription that feeds
 * the histogram, to end with the module.
 */
export function registerDashboardMetrics({ sessions, stats, history, version }: DashboardSources, registry: Registry): Subscription {
  const registers = [registry];
  const fleet = perScrape(() => stats.snapshot());
  const storage = perScrape(() => history.snapshot());

  new Gauge({
    name: 'sss_dashboard_info',
    help: "The dashboard's version and storage engine as labels; the value is always 1.",
    labelNames: ['version', 'storage_engine'],
    registers,
    async collect() {
      const { engine } = await storage();
      this.reset();
      this.set({ version, storage_engine: engine }, 1);
    },
  });
  new Gauge({
    name: 'sss_agent_connections',
    help: 'Agents connected to /ws-report now.',
    registers,
    collect() {
      this.set(sessions.connected);
    },
  });
  new Gauge({
    name: 'sss_frontend_connections',
    help: 'Consoles connected to /ws-frontend now.',
    registers,
    collect() {
      this.set(fleet().frontends);
    },
  });
  totalCounter(registry, 'sss_reports_accepted_total', 'Reports accepted from agents since start.', () => fleet().accepted);
  new Counter({
    name: 'sss_reports_rejected_total',
    help: 'Agent connections and frames refused since start, by reason.',
    labelNames: ['reason'],
    registers,
    collect() {
      const { rejects } = fleet();
      this.reset();
      for (const reason of REJECT_REASONS) this.inc({ reason }, rejects[reason]);
    },
  });
  totalCounter(
    registry,
    'sss_storage_write_errors_total',
    'History writes that failed since start (each is retried).',
    async () => (await storage()).writeErrors,
  );
  totalCounter(
    registry,
    'sss_storage_dropped_total',
    'Samples and transitions given up since start because the write queue was full.',
    async () => (await storage()).dropped,
  );
  new Gauge({
    name: 'sss_storage_write_queue_depth',
    help: 'Samples and transitions waiting to be written.',
    registers,
    async collect() {
      this.set((await storage()).pending);
    },
  });
  new Gauge({
    name: 'sss_storage_size_bytes',
    help: 'The database on disk; no sample while history is off or the database is unreachable.',
    registers,
    async collect() {
      const bytes = (await storage()).usage?.bytes;
      this.reset();
      if (bytes !== undefined) this.set(bytes);
    },
  });
  const broadcasts = new Histogram({
    name: 'sss_broadcast_duration_seconds',
    help: 'Time to send one change of the fleet to every connected console.',
    buckets: BROADCAST_BUCKETS,
    registers,
  });
  return stats.broadcastSeconds$.subscribe((seconds) => broadcasts.observe(seconds));
}
