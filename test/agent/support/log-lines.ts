import { Waiters } from './waiters';

/** Log lines written by a @sss/log Log, for assertions. */
export class LogLines {
  readonly lines: string[] = [];
  private readonly waiters = new Waiters();

  write(line: string): void {
    this.lines.push(line);
    this.waiters.notify();
  }

  get text(): string {
    return this.lines.join('');
  }

  matching(pattern: RegExp): string[] {
    return this.lines.filter((line) => pattern.test(line));
  }

  /** Resolves with the lines matching `pattern` once there are `count` of them. */
  waitFor(pattern: RegExp, count = 1, timeoutMs = 10_000): Promise<string[]> {
    return this.waiters.until(
      () => {
        const found = this.matching(pattern);
        return found.length >= count && found;
      },
      timeoutMs,
      `${count} log line(s) matching ${pattern}; logged so far:\n${this.text}`,
    );
  }
}
