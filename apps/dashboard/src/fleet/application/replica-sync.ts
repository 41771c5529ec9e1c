import { RateLimiter, type Log } from '@sss/log';
import type { Observable, Subscription } from 'rxjs';
import type { EventBus, RemoteFleetEvent } from '../../bus';
import type { FleetRegistry } from './fleet-state';
import type { ReportCache } from './ports/report-cache.port';
import type { ReportIntake } from './report-intake';

/** The catalog as replicas keep it in step: its own changes out, the others' read from the shared store. */
export interface SharedCatalog {
  /** Ids of the servers this replica changed (added, edited, new secret, removed). */
  readonly edits: Observable<string>;
  /** Reads the stored servers again, announcing what differs (a removed server then leaves the fleet). */
  load(): Promise<void>;
}

/**
 * Keeps this replica's fleet and the other replicas' in step over the event
 * bus. Out: each report this replica accepts, each server it sees go offline,
 * each catalog change it makes. In: the others' events, applied to the
 * registry as remote changes, so they reach this replica's frontends like
 * local ones and are recorded only by the replica where they happened; a
 * catalog change has this replica read its catalog again at once, so a
 * removed server leaves it and a hidden one is hidden without waiting for
 * the periodic reload.
 */
export class ReplicaSync {
  private readonly subscriptions: Subscription[];
  private readonly warnings = new RateLimiter(60_000);

  constructor(
    private readonly registry: FleetRegistry,
    private readonly cache: ReportCache,
    intake: ReportIntake,
    private readonly bus: EventBus,
    private readonly catalog: SharedCatalog,
    private readonly log: Log,
  ) {
    this.subscriptions = [
      catalog.edits.subscribe((id) => bus.catalogChanged(id)),
      intake.accepted$.subscribe((r) => bus.report(r.serverId, r.at, r.json)),
      // Going online needs no event of its own: the report that brought the server back carries it.
      registry.transitions$.subscribe((t) => {
        if (!t.online && !t.remote) bus.offline(t.serverId, t.at, t.cause);
      }),
    ];
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
        case 'catalog':
          this.catalog.load().catch((err: Error) => this.warn('catalog not read again after a change on another replica', event, err));
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
