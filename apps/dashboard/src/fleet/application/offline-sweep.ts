import type { FleetRegistry } from './fleet-state';

/** Marks servers that have been silent past the offline threshold offline. Run it periodically. */
export class OfflineSweep {
  constructor(private readonly registry: FleetRegistry) {}

  run(): void {
    this.registry.sweep();
  }
}
