import { AGENT_BACKOFF, backoffDelay, type BackoffPolicy } from '@sss/contracts/constants';

/**
 * Reconnect delays: the protocol's 3 s x 1.2 up to 600 s, each stretched by up
 * to `jitter` (10 %) so agents cut off together do not all return at the same
 * instant; the cap holds after jitter. Reset once a connection delivered a report.
 */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly policy: BackoffPolicy = AGENT_BACKOFF,
    private readonly jitter = 0.1,
    private readonly random: () => number = Math.random,
  ) {}

  /** The delay before the next retry, in ms. */
  next(): number {
    const base = backoffDelay(this.policy, this.attempt++);
    return Math.round(Math.min(this.policy.maxMs, base * (1 + this.jitter * this.random())));
  }

  reset(): void {
    this.attempt = 0;
  }
}
