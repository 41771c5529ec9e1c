import type { MemoryEventBus } from './memory-event.bus';

/** The replicas of one process that hear each other: one dashboard alone by default, several in a test. */
export class MemoryBusHub {
  readonly members = new Set<MemoryEventBus>();
}
