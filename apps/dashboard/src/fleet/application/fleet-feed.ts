import type { Observable } from 'rxjs';
import type { FleetRegistry, FleetServerState } from './fleet-state';
import type { ReportCache } from './ports/report-cache.port';

/**
 * What frontends see of the fleet: every change as it happens and the current
 * state of every server, each as its frontend message (PROTOCOL.md section 2).
 */
export class FleetFeed {
  /** Every change of any server. A live view: encode it with `message` when it arrives. */
  readonly changes$: Observable<FleetServerState>;

  constructor(
    private readonly registry: FleetRegistry,
    private readonly cache: ReportCache,
  ) {
    this.changes$ = registry.changes$;
  }

  /** The frontend message of a server's state. */
  message(state: FleetServerState): Uint8Array {
    return this.cache.frontendMessage(state.report, state.online, state.lastSeen);
  }

  /** The frontend message of every known server that `includes` lets through: what a new client gets first. */
  snapshot(includes: (serverId: string) => boolean = () => true): Uint8Array[] {
    return this.registry
      .snapshot()
      .filter((state) => includes(state.serverId))
      .map((state) => this.message(state));
  }
}
