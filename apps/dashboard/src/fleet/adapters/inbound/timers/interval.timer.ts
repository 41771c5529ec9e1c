import { OnModuleDestroy, OnModuleInit } from '@nestjs/common';

/** Runs `tick` every `everyMs` while the module lives, without keeping the process alive. */
export abstract class IntervalTimer implements OnModuleInit, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  protected abstract readonly everyMs: number;
  protected abstract tick(): void;

  onModuleInit(): void {
    this.timer = setInterval(() => this.tick(), this.everyMs);
    this.timer.unref();
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
