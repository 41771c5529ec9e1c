import { RateLimiter, type Log } from '@sss/log';
import type { Subscription } from 'rxjs';
import type { EventBus, RemoteFleetEvent } from '../../bus';
import type { FleetRegistry } from './fleet-state';
import type { ReportCache } from './ports/report-cache.port';
import type { ReportIntake } from './report-intake';

/**
 * Keeps this replica's fleet and the other replicas' in step over the event
 * bus. Out: each report this replica accepts, each server it sees go offline,
 * each removal it makes. In: the others' events, applied to the registry as
 * remote changes, so they reach this replica's frontends like local ones and
 * are recorded only by the replica where they happened.
 */
export class ReplicaSync {
  private readonly subscriptions: Subscription[];
  private readonly warnings = new RateLimiter(60_000);

  constructor(
    private readonly registry: FleetRegistry,
    private readonly cache: ReportCache,
    intake: ReportIntake,
    private readonly bus: EventBus,
    /** Reads the stored servers again: a removal on another replica reaches this one's catalog at once. */
    private readonly reloadCatalog: () => Promise<void>,
    private readonly log: Log,
  ) {
    this.subscriptions = [
      intake.accepted$.subscribe((r) => bus.report(r.serverId, r.at, r.json)),
      // Going online needs no event of its own: the report that brought the server back carries it.
      registry.transitions$.subscribe((t) => {
        if (!t.online && !t.remote) bus.offline(t.serverId, t.at, t.cause);
      }),
    ];
  }

  /**
   * A server removed here. Another replica applying it reloads its catalog,
   * whose own removal then comes back here once: it changes nothing.
   */
  removed(serverId: string): void {
    this.bus.removed(serverId);
  }

  /** Another replica's event. Never throws: it runs in the bus's receive callback. */
  apply(event: RemoteFleetEvent): void {
    try {
      switch (event.kind) {
        case 'report':
          this.registry.remoteReport(event.serverId, this.cache.keep(event.json, this.registry.get(event.serverId)?.report), event.at);
          break;
        case 'offline':
          this.registry.remoteOffline(event.serverId, event.at, event.cause);
          break;
        case 'removed':
          this.registry.forget(event.serverId);
          this.reloadCatalog().catch((err: Error) => this.warn('catalog not reloaded after a removal elsewhere', event, err));
          break;
      }
    } catch (err) {
      this.warn("another replica's event not applied", event, err as Error);
    }
  }

  stop(): void {
    for (const s of this.subscriptions) s.unsubscribe();
  }

  private warn(msg: string, event: RemoteFleetEvent, err: Error): void {
    const suppressed = this.warnings.take(msg);
    if (suppressed >= 0) this.log.warn(msg, { serverId: event.serverId, origin: event.origin, error: err.message, suppressed });
  }
}
