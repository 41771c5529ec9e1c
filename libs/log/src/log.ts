/**
 * One line per event, with a level; JSON lines when SSS_LOG_FORMAT=json.
 * Shared by the dashboard and the agent. Callers pass fields, never secrets.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LogSink {
  write(line: string): void;
}

export interface LogOptions {
  format?: 'text' | 'json';
  level?: LogLevel;
  sink?: LogSink;
}

export class Log {
  private readonly format: 'text' | 'json';
  private readonly minRank: number;
  private readonly sink: LogSink;

  constructor(
    readonly context: string,
    options: LogOptions = {},
  ) {
    this.format = options.format ?? (process.env.SSS_LOG_FORMAT === 'json' ? 'json' : 'text');
    const level = options.level ?? (process.env.SSS_LOG_LEVEL as LogLevel | undefined);
    this.minRank = RANK[level ?? 'info'] ?? RANK.info;
    this.sink = options.sink ?? process.stderr;
  }

  /** A logger for another component with the same settings. */
  child(context: string): Log {
    return new Log(context, { format: this.format, level: levelOf(this.minRank), sink: this.sink });
  }

  debug(msg: string, fields?: LogFields): void {
    this.write('debug', msg, fields);
  }
  info(msg: string, fields?: LogFields): void {
    this.write('info', msg, fields);
  }
  warn(msg: string, fields?: LogFields): void {
    this.write('warn', msg, fields);
  }
  error(msg: string, fields?: LogFields): void {
    this.write('error', msg, fields);
  }

  write(level: LogLevel, msg: string, fields: LogFields = {}): void {
    if (RANK[level] < this.minRank) return;
    const time = new Date().toISOString();
    if (this.format === 'json') {
      this.sink.write(JSON.stringify({ time, level, context: this.context, msg, ...fields }) + '\n');
      return;
    }
    const extra = Object.entries(fields)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v ?? null)}`)
      .join(' ');
    const line = `${time} ${level.toUpperCase().padEnd(5)} [${this.context}] ${oneLine(msg)}`;
    this.sink.write((extra ? `${line} ${extra}` : line) + '\n');
  }
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' | ');
}

function levelOf(rank: number): LogLevel {
  return (Object.keys(RANK) as LogLevel[]).find((l) => RANK[l] === rank) ?? 'info';
}
