import type { Observable } from 'rxjs';
import type { OnlineTransition } from '../domain/server-registry';
import type { FleetRegistry } from './fleet-state';
import type { AcceptedReport, ReportIntake } from './report-intake';

/** What other capabilities may follow of the live fleet (history records it). */
export class FleetEvents {
  readonly reports$: Observable<AcceptedReport>;
  readonly transitions$: Observable<OnlineTransition>;

  constructor(
    intake: ReportIntake,
    private readonly registry: FleetRegistry,
  ) {
    this.reports$ = intake.accepted$;
    this.transitions$ = registry.transitions$;
  }

  /** Every server the registry knows, with when it was last seen. */
  known(): { serverId: string; lastSeen: number; online: boolean }[] {
    return this.registry.snapshot().map(({ serverId, lastSeen, online }) => ({ serverId, lastSeen, online }));
  }
}
