import { Gauge, type Registry } from 'prom-client';
import type { EventBus, EventBusStats, Lease } from '../../../../bus';
import { perScrape } from './per-scrape';
import { totalCounter } from './total-counter';

/** Registers the bus between replicas and the jobs lease (README "Several replicas"), read at each scrape. */
export function registerBusMetrics(bus: EventBus, lease: Lease, registry: Registry): void {
  const registers = [registry];
  const stats = perScrape(() => bus.stats());
  new Gauge({
    name: 'sss_bus_connected',
    help: "1 while this replica's events can reach the other replicas (always 1 in process), else 0; the transport as a label.",
    labelNames: ['transport'],
    registers,
    collect() {
      const { transport, connected } = stats();
      this.reset();
      this.set({ transport }, connected ? 1 : 0);
    },
  });
  const counters: [name: string, help: string, field: keyof Omit<EventBusStats, 'transport' | 'connected'>][] = [
    ['sss_bus_events_published_total', 'Events sent to the other replicas since start.', 'published'],
    ['sss_bus_events_received_total', "The other replicas' events received since start.", 'received'],
    ['sss_bus_events_dropped_total', 'Events given up since start: the bus was down or its outgoing buffer full.', 'dropped'],
    ['sss_bus_errors_total', 'Bus errors since start (failed connections, refused commands).', 'errors'],
  ];
  for (const [name, help, field] of counters) totalCounter(registry, name, help, () => stats()[field]);
  new Gauge({
    name: 'sss_jobs_lease_held',
    help: '1 while this replica runs the once-only jobs (offline-by-silence records, history maintenance), else 0.',
    registers,
    collect() {
      this.set(lease.held ? 1 : 0);
    },
  });
}
