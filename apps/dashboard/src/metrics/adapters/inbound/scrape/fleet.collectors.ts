import { Counter, Gauge, type Registry } from 'prom-client';
import type { FleetReadings } from '../../../../fleet';
import { FLEET_METRICS, SERVER_LABELS } from '../../../application/fleet-samples';
import { perScrape } from './per-scrape';

/**
 * Registers the per-server metrics: each is rebuilt from the registry's latest
 * reports at every scrape (its collect()), so a server that dropped out of the
 * fleet's readings drops out of the exposition too. Only the servers
 * `includes` lets through are exposed.
 */
export function registerFleetMetrics(
  readings: FleetReadings,
  registry: Registry,
  includes: (serverId: string) => boolean,
  now: () => number = Date.now,
): void {
  const current = perScrape(() => ({ readings: readings.current().filter((r) => includes(r.serverId)), at: now() }));
  for (const metric of FLEET_METRICS) {
    const labelNames = [...SERVER_LABELS, ...metric.labelNames];
    const fill = (record: (labels: Record<string, string>, value: number) => void) => {
      const { readings, at } = current();
      for (const reading of readings) {
        const server = { server_id: reading.serverId, group: reading.info.group ?? '' };
        for (const { labels, value } of metric.samples(reading, at)) record({ ...server, ...labels }, value);
      }
    };
    const options = { name: metric.name, help: metric.help, labelNames, registers: [registry] };
    if (metric.type === 'counter') {
      // The agent's own counters, passed on as read: set by reset-and-add, the one way prom-client lets a counter be set.
      new Counter({
        ...options,
        collect() {
          this.reset();
          fill((labels, value) => this.inc(labels, value));
        },
      });
    } else {
      new Gauge({
        ...options,
        collect() {
          this.reset();
          fill((labels, value) => this.set(labels, value));
        },
      });
    }
  }
}
