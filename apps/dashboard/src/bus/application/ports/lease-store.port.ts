/** Where the replicas of one deployment agree on who runs a job (a table in the shared database). */
export interface LeaseStore {
  /**
   * Takes or extends the lease `name` for `holder` until `until` (Unix ms),
   * if it is free, expired at `now`, or already `holder`'s. True if `holder` holds it now.
   */
  acquire(name: string, holder: string, now: number, until: number): Promise<boolean>;
  /** Gives the lease up if `holder` holds it, so another replica takes it at once. */
  release(name: string, holder: string): Promise<void>;
}

export const LEASE_STORE = Symbol('LeaseStore');
