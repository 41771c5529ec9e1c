import type { RemoteFleetEvent } from '../../../application/ports/event-bus.port';

/** The replicas of one process that hear each other (one dashboard alone by default, several in a test): how each takes an event. */
export class MemoryBusHub {
  readonly members = new Set<(event: RemoteFleetEvent) => void>();
}
