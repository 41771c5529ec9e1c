import type { ServerInfo } from '@sss/contracts';
import type { Clock } from '../domain/clock';
import type { FleetRegistry } from './fleet-state';
import type { ReportCache } from './ports/report-cache.port';

/** One server's latest report as read at a moment. */
export interface ServerReading {
  serverId: string;
  online: boolean;
  /** Unix milliseconds of the last accepted report. */
  lastSeen: number;
  info: ServerInfo;
}

/**
 * The fleet's latest reports, parsed, for whoever reads them whole now and
 * then (the Prometheus scrape). Only servers heard from within the offline
 * threshold: one silent for longer drops out, and a server restored after a
 * restart is not replayed until it reports again.
 */
export class FleetReadings {
  constructor(
    private readonly registry: FleetRegistry,
    private readonly cache: ReportCache,
    private readonly offlineAfterMs: number,
    private readonly clock: Clock,
  ) {}

  current(): ServerReading[] {
    const cutoff = this.clock.now() - this.offlineAfterMs;
    return this.registry
      .snapshot()
      .filter((state) => state.lastSeen >= cutoff)
      .map(({ serverId, online, lastSeen, report }) => ({
        serverId,
        online,
        lastSeen,
        // Validated when accepted (or when stored, for a restored one).
        info: JSON.parse(this.cache.json(report)) as ServerInfo,
      }));
  }
}
