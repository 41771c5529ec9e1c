import { OnModuleDestroy, OnModuleInit } from '@nestjs/common';

/**
 * Runs `tick` every `everyMs` while the module lives, without keeping the process alive.
 * A timer that judges silence sets `skipsLateTurns`: after the event loop stalled
 * (a long pause, SIGSTOP), timers run before the sockets' queued data is read,
 * so every connection would look silent; a turn that comes more than a period
 * late is skipped, and the next one, after the queued data, judges.
 */
export abstract class IntervalTimer implements OnModuleInit, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private lastTurn = 0;
  protected abstract readonly everyMs: number;
  protected readonly skipsLateTurns: boolean = false;
  protected abstract tick(): void;

  onModuleInit(): void {
    this.lastTurn = performance.now();
    this.timer = setInterval(() => this.turn(), this.everyMs);
    this.timer.unref();
  }

  private turn(): void {
    const now = performance.now();
    const late = now - this.lastTurn > 2 * this.everyMs;
    this.lastTurn = now;
    if (!(late && this.skipsLateTurns)) this.tick();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }
}

/**
 * A check period for a time limit: four checks per limit act within a quarter
 * of it; never more often than every 100 ms, never less than every `capMs`.
 */
export function checkPeriod(limitMs: number, capMs: number): number {
  return Math.max(100, Math.min(limitMs / 4, capMs));
}
