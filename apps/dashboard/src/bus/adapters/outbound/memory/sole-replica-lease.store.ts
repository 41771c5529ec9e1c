import type { LeaseStore } from '../../../application/ports/lease-store.port';

/** The leases of a dashboard that is the only one (SQLite: one process owns the file): always its own. */
export class SoleReplicaLeaseStore implements LeaseStore {
  acquire(): Promise<boolean> {
    return Promise.resolve(true);
  }

  release(): Promise<void> {
    return Promise.resolve();
  }
}
