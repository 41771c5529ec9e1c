import type { LoggerService } from '@nestjs/common';
import type { Log } from '@sss/log';

/** Routes Nest's own log lines through our one-line (or JSON) format. */
export class NestLogBridge implements LoggerService {
  constructor(private readonly target: Log) {}

  // Nest's routine start-up lines ("Mapped {/healthz, GET}") are debug detail here.
  log(message: unknown, context?: string): void {
    this.target.child(context ?? 'Nest').debug(String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.target.child(context ?? 'Nest').error(String(message), trace ? { trace } : undefined);
  }
  warn(message: unknown, context?: string): void {
    this.target.child(context ?? 'Nest').warn(String(message));
  }
  debug(message: unknown, context?: string): void {
    this.target.child(context ?? 'Nest').debug(String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.target.child(context ?? 'Nest').debug(String(message));
  }
}
