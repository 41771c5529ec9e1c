import type { TransitionCause } from '@sss/contracts';
import type { Observable } from 'rxjs';

/** What one replica tells the others: the fleet's live changes that every browser must see, whichever replica it is on. */
export type FleetEvent =
  /** An accepted report: its compact JSON text, and when the replica that holds the agent received it (Unix ms). */
  | { kind: 'report'; serverId: string; at: number; json: string }
  /** A server went offline on the replica that decided it (connection lost, silence, that replica stopping). */
  | { kind: 'offline'; serverId: string; at: number; cause: TransitionCause }
  /** A server was added, edited, given a new secret or removed in the shared catalog: the others read it again. */
  | { kind: 'catalog'; serverId: string };

/** Another replica's event, with that replica's id. */
export type RemoteFleetEvent = FleetEvent & { origin: string };

export interface EventBusStats {
  transport: 'memory' | 'redis';
  /** Whether events can leave this replica now (always true in process). */
  connected: boolean;
  /** Events handed to the transport since start. */
  published: number;
  /** Other replicas' events received since start. */
  received: number;
  /** Events given up since start: the transport was down or its outgoing buffer full. */
  dropped: number;
  /** Transport errors since start (a failed connection, a refused command). */
  errors: number;
}

/**
 * Carries each replica's fleet events to every other replica. Publishing
 * never waits and never throws: it is on the live path of every report, so an
 * event that cannot go now is dropped and counted, and live monitoring on
 * each replica goes on regardless.
 */
export interface EventBus {
  report(serverId: string, at: number, json: string): void;
  offline(serverId: string, at: number, cause: TransitionCause): void;
  catalogChanged(serverId: string): void;
  /** The other replicas' events; never this replica's own. */
  readonly received$: Observable<RemoteFleetEvent>;
  stats(): EventBusStats;
}

export const EVENT_BUS = Symbol('EventBus');
