import type { TransitionCause } from '@sss/contracts';
import { Subject, type Observable } from 'rxjs';
import type { EventBus, EventBusStats, RemoteFleetEvent } from '../../../application/ports/event-bus.port';
import { MemoryBusHub } from './memory-bus-hub';

/**
 * The default bus: nothing leaves the process. Events go to the other members
 * of its hub, in the same call; a dashboard alone in its hub (the default)
 * has nobody to tell, so a publish is a loop over no one.
 */
export class MemoryEventBus implements EventBus {
  private readonly incoming = new Subject<RemoteFleetEvent>();
  readonly received$: Observable<RemoteFleetEvent> = this.incoming.asObservable();
  private published = 0;
  private received = 0;
  private readonly deliver = (event: RemoteFleetEvent): void => {
    this.received++;
    this.incoming.next(event);
  };

  constructor(
    private readonly origin: string,
    private readonly hub = new MemoryBusHub(),
  ) {
    hub.members.add(this.deliver);
  }

  report(serverId: string, at: number, json: string): void {
    if (this.alone) return;
    this.send({ kind: 'report', origin: this.origin, serverId, at, json });
  }

  offline(serverId: string, at: number, cause: TransitionCause): void {
    if (this.alone) return;
    this.send({ kind: 'offline', origin: this.origin, serverId, at, cause });
  }

  catalogChanged(serverId: string): void {
    if (this.alone) return;
    this.send({ kind: 'catalog', origin: this.origin, serverId });
  }

  stats(): EventBusStats {
    return { transport: 'memory', connected: true, published: this.published, received: this.received, dropped: 0, errors: 0 };
  }

  /** Leaves the hub: nothing more is sent to it or from it. */
  close(): void {
    this.hub.members.delete(this.deliver);
  }

  /** Nobody else in the hub: the event is not even built. */
  private get alone(): boolean {
    return this.hub.members.size < 2;
  }

  private send(event: RemoteFleetEvent): void {
    this.published++;
    for (const deliver of this.hub.members) if (deliver !== this.deliver) deliver(event);
  }
}
