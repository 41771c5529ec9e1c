import { REJECT_REASONS, type RejectReason } from '@sss/contracts';
import { Subject, type Observable } from 'rxjs';
import type { Clock } from '../domain/clock';

/** Reports per second are averaged over this many whole seconds. */
export const RATE_WINDOW_SECONDS = 10;

export interface FleetStatsSnapshot {
  frontends: number;
  reportsPerSecond: number;
  /** Reports accepted since start. */
  accepted: number;
  rejects: Record<RejectReason, number>;
}

/**
 * The live path's counters for /api/stats and /metrics: consoles connected,
 * reports accepted (per second and in all), and what was refused by reason.
 * Fed by AgentSessions and the frontend gateway; each call is a few additions,
 * no allocation.
 */
export class FleetStats {
  private frontends = 0;
  private acceptedTotal = 0;
  private readonly broadcasts = new Subject<number>();
  /** How long each broadcast to every console took, in seconds; emitted only while someone listens (/metrics). */
  readonly broadcastSeconds$: Observable<number> = this.broadcasts.asObservable();
  private readonly rejects = Object.fromEntries(REJECT_REASONS.map((reason) => [reason, 0])) as Record<RejectReason, number>;
  /** Reports accepted in each of the last seconds, indexed by second modulo its length: the current second and the window. */
  private readonly perSecond = new Array<number>(RATE_WINDOW_SECONDS + 1).fill(0);
  /** The second (Unix time / 1000) the ring was last advanced to. */
  private second: number;

  constructor(private readonly clock: Clock) {
    this.second = this.currentSecond();
  }

  accepted(): void {
    this.acceptedTotal++;
    this.perSecond[this.advance() % this.perSecond.length]++;
  }

  rejected(reason: RejectReason): void {
    this.rejects[reason]++;
  }

  /** One change sent to every console took `seconds`. */
  broadcast(seconds: number): void {
    if (this.broadcasts.observed) this.broadcasts.next(seconds);
  }

  /** Whether anyone follows broadcast durations: the gateway reads the clock only then. */
  get timingBroadcasts(): boolean {
    return this.broadcasts.observed;
  }

  frontendConnected(): void {
    this.frontends++;
  }

  frontendDisconnected(): void {
    this.frontends--;
  }

  snapshot(): FleetStatsSnapshot {
    const now = this.advance();
    let sum = 0;
    // The whole seconds before the current one: a partial second would read low.
    for (let s = now - RATE_WINDOW_SECONDS; s < now; s++) sum += this.perSecond[s % this.perSecond.length];
    return {
      frontends: this.frontends,
      reportsPerSecond: sum / RATE_WINDOW_SECONDS,
      accepted: this.acceptedTotal,
      rejects: { ...this.rejects },
    };
  }

  /** Clears the slots of the seconds that passed without a report; the current second. */
  private advance(): number {
    const now = this.currentSecond();
    const stale = Math.min(now - this.second, this.perSecond.length);
    for (let i = 1; i <= stale; i++) this.perSecond[(this.second + i) % this.perSecond.length] = 0;
    if (now > this.second) this.second = now;
    return this.second;
  }

  private currentSecond(): number {
    return Math.floor(this.clock.now() / 1000);
  }
}
