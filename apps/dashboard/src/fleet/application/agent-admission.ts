import type { Log } from '@sss/log';
import type { Clock } from '../domain/clock';
import { KeyedTokenBuckets } from '../domain/token-bucket';
import type { FleetStats } from './fleet-stats';

/** The /ws-report limits of README "Limits". */
export interface AdmissionLimits {
  agentConnections: number;
  upgradesPerSecond: number;
  authFailures: number;
  blockSeconds: number;
}

/** Why an upgrade is refused before it is answered, with the HTTP status it gets. */
export type Refusal = { status: 429; reason: 'address blocked' | 'too many attempts' } | { status: 503; reason: 'too many agents' };

/** A source address's refused authentications, and its block once they were too many. */
interface Strikes {
  failures: number;
  /** Clock time of the first failure counted: failures older than the block length start over. */
  since: number;
  blockedUntil: number;
  /** Upgrades refused during the block: told once, when it ends. */
  refused: number;
}

/**
 * Who may try to connect as an agent, decided before the upgrade is answered:
 * a source address that tries too often is slowed down (429), one that failed
 * authentication too often is blocked for a while (429; logged once when the
 * block starts and once when it ends, with the counts), and no upgrade is
 * taken beyond the cap on agent connections (503).
 */
export class AgentAdmission {
  private readonly attempts: KeyedTokenBuckets;
  private readonly strikes = new Map<string, Strikes>();
  private readonly blockMs: number;
  private pruneAt = PRUNE_AT;
  private readonly log: Log;

  constructor(
    private readonly limits: AdmissionLimits,
    private readonly clock: Clock,
    private readonly stats: FleetStats,
    log: Log,
  ) {
    this.attempts = new KeyedTokenBuckets(limits.upgradesPerSecond);
    this.blockMs = limits.blockSeconds * 1000;
    this.log = log.child('AgentAdmission');
  }

  /** Undefined if `remote` may try to authenticate now, with `connected` agents connected; else why not. */
  refusal(remote: string, connected: number): Refusal | undefined {
    const now = this.clock.now();
    const strikes = this.strikes.get(remote);
    if (strikes && strikes.blockedUntil > now) {
      strikes.refused++;
      this.stats.rejected('address-limit');
      return { status: 429, reason: 'address blocked' };
    }
    if (strikes?.blockedUntil) this.unblock(remote, strikes);
    if (!this.attempts.take(remote, now)) {
      this.stats.rejected('address-limit');
      return { status: 429, reason: 'too many attempts' };
    }
    if (connected >= this.limits.agentConnections) {
      this.stats.rejected('connection-cap');
      return { status: 503, reason: 'too many agents' };
    }
    return undefined;
  }

  /** An authentication from `remote` was refused: one strike; too many block the address. */
  authFailed(remote: string): void {
    const now = this.clock.now();
    let strikes = this.strikes.get(remote);
    if (!strikes || now - strikes.since > this.blockMs) {
      if (!strikes && this.strikes.size >= this.pruneAt) this.prune(now);
      strikes = { failures: 0, since: now, blockedUntil: 0, refused: 0 };
      this.strikes.set(remote, strikes);
    }
    if (++strikes.failures === this.limits.authFailures) {
      strikes.blockedUntil = now + this.blockMs;
      this.log.warn('address blocked after repeated authentication failures', {
        remote,
        failures: strikes.failures,
        blockSeconds: this.limits.blockSeconds,
      });
    }
  }

  private unblock(remote: string, strikes: Strikes): void {
    this.strikes.delete(remote);
    this.log.info('address unblocked', { remote, refusedWhileBlocked: strikes.refused });
  }

  /** Forgets addresses whose strikes have expired; the next prune waits until the map has doubled. */
  private prune(now: number): void {
    for (const [remote, strikes] of this.strikes) {
      if (strikes.blockedUntil ? strikes.blockedUntil <= now : now - strikes.since > this.blockMs) {
        if (strikes.blockedUntil) this.unblock(remote, strikes);
        else this.strikes.delete(remote);
      }
    }
    this.pruneAt = Math.max(PRUNE_AT, this.strikes.size * 2);
  }
}

const PRUNE_AT = 10_000;
