import type { LeaseStore } from './ports/lease-store.port';

export interface LeaseOptions {
  name: string;
  /** This replica's id. */
  holder: string;
  /** How long one acquisition lasts; `renew` must run well within it (a third of it, say). */
  ttlMs: number;
  now: () => number;
}

/**
 * The right to run the jobs that must run once across replicas (recording
 * offline-by-silence, history maintenance). `held` is answered from memory:
 * it is true until the last successful acquisition runs out, so a replica
 * that cannot reach the store stops counting itself the holder by then, and
 * another one takes over once the stored lease expires.
 */
export class Lease {
  private heldUntil = 0;

  constructor(
    private readonly store: LeaseStore,
    private readonly options: LeaseOptions,
  ) {}

  get held(): boolean {
    return this.options.now() < this.heldUntil;
  }

  /** Takes or extends the lease; a failure to reach the store is thrown and leaves `held` to run out. */
  async renew(): Promise<void> {
    const { name, holder, ttlMs, now } = this.options;
    const start = now();
    const until = start + ttlMs;
    // Counted from before the call and ended a fifth early: replicas' clocks differ a little, and
    // this replica must stop before another one may take the stored lease over.
    this.heldUntil = (await this.store.acquire(name, holder, start, until)) ? until - ttlMs / 5 : 0;
  }

  async release(): Promise<void> {
    this.heldUntil = 0;
    await this.store.release(this.options.name, this.options.holder);
  }
}
