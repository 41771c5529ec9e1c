import { Gauge, type Registry } from 'prom-client';
import type { FleetReadings } from '../../../../fleet';
import type { TrafficQuery } from '../../../../traffic';
import { SERVER_LABELS } from '../../../application/fleet-samples';
import { perScrape } from './per-scrape';

/**
 * Registers each reporting server's traffic in its current billing period
 * (README "Traffic"): the same servers as the fleet's metrics, so one that
 * stopped reporting drops out with them.
 */
export function registerTrafficMetrics(
  readings: FleetReadings,
  traffic: TrafficQuery,
  registry: Registry,
  includes: (serverId: string) => boolean,
): void {
  const current = perScrape(() => {
    const periods = traffic.overview();
    return readings
      .current()
      .filter((r) => includes(r.serverId) && periods[r.serverId])
      .map((r) => ({ labels: { server_id: r.serverId, group: r.info.group ?? '' }, period: periods[r.serverId] }));
  });
  new Gauge({
    name: 'sss_server_traffic_period_bytes',
    help: 'Bytes in the current billing period: sent, received, and used (what counts against the quota).',
    labelNames: [...SERVER_LABELS, 'direction'],
    registers: [registry],
    collect() {
      this.reset();
      for (const { labels, period } of current()) {
        this.set({ ...labels, direction: 'sent' }, period.sent);
        this.set({ ...labels, direction: 'recv' }, period.recv);
        this.set({ ...labels, direction: 'used' }, period.used);
      }
    },
  });
  new Gauge({
    name: 'sss_server_traffic_quota_bytes',
    help: 'Bytes the billing period may use; absent for a server without a quota.',
    labelNames: [...SERVER_LABELS],
    registers: [registry],
    collect() {
      this.reset();
      for (const { labels, period } of current()) if (period.quotaBytes !== null) this.set(labels, period.quotaBytes);
    },
  });
}
