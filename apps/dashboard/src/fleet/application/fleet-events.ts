import { filter, type Observable } from 'rxjs';
import type { EventBus, Lease } from '../../bus';
import type { AgentSessions } from './agent-sessions';
import type { OnlineTransition } from '../domain/server-registry';
import type { FleetRegistry } from './fleet-state';
import type { AcceptedReport, ReportIntake } from './report-intake';

/**
 * What other capabilities may follow of the live fleet (history records it):
 * what this replica is to record, so that with several replicas each event
 * is recorded once. Its own reports and the transitions it decided, except
 * offline by silence: every replica judges silence and the first to see it
 * tells the others, so the replica that holds the jobs lease records it,
 * whether it saw it first or heard of it. While its bus is down it cannot
 * tell another replica's server from a silent one, so it records only the
 * silence of agents connected to it then.
 */
export class FleetEvents {
  readonly reports$: Observable<AcceptedReport>;
  readonly transitions$: Observable<OnlineTransition>;

  constructor(
    intake: ReportIntake,
    private readonly registry: FleetRegistry,
    lease: Lease,
    bus: EventBus,
    sessions: AgentSessions,
  ) {
    this.reports$ = intake.accepted$;
    const recordsSilence = (serverId: string) => lease.held && (bus.stats().connected || sessions.holds(serverId));
    this.transitions$ = registry.transitions$.pipe(filter((t) => (t.cause === 'silence' ? recordsSilence(t.serverId) : !t.remote)));
  }

  /** Every server the registry knows, with when it was last seen. */
  known(): { serverId: string; lastSeen: number; online: boolean }[] {
    return this.registry.snapshot().map(({ serverId, lastSeen, online }) => ({ serverId, lastSeen, online }));
  }
}
