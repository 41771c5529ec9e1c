import type { ChildProcess } from 'node:child_process';

/** One of our built apps running as a child process, its output collected for assertions. */
export class ChildApp {
  private output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(
    readonly proc: ChildProcess,
    private readonly name: string,
  ) {
    const collect = (d: Buffer) => (this.output += d.toString());
    proc.stdout!.on('data', collect);
    proc.stderr!.on('data', collect);
    this.exited = new Promise((res) => proc.once('exit', (code, signal) => res({ code, signal })));
  }

  get logs(): string {
    return this.output;
  }

  /** How many times `pattern` occurs in the output so far. */
  countLog(pattern: RegExp): number {
    return this.output.match(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`))?.length ?? 0;
  }

  /** Waits for output matching `pattern`; fails with the whole output if the process exits or time runs out. */
  waitForLog(pattern: RegExp, timeoutMs = 10_000): Promise<RegExpMatchArray> {
    return this.waitForOutput(() => this.output.match(pattern) ?? undefined, String(pattern), timeoutMs);
  }

  /**
   * Waits until `pattern` has occurred `count` times in all: the way to wait for
   * one more line of a kind that earlier steps may have written already.
   */
  async waitForLogCount(pattern: RegExp, count: number, timeoutMs = 10_000): Promise<void> {
    await this.waitForOutput(() => this.countLog(pattern) >= count || undefined, `${count} x ${pattern}`, timeoutMs);
  }

  /** Resolves with the first defined answer of `find`, asked now and on every new output. */
  private waitForOutput<T>(find: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    return new Promise((res, rej) => {
      const check = () => {
        const found = find();
        if (found !== undefined) {
          cleanup();
          res(found);
        }
      };
      const fail = (why: string) => {
        cleanup();
        rej(new Error(`${why} waiting for ${what}; ${this.name} output:\n${this.output}`));
      };
      const onExit = () => fail(`${this.name} exited (code ${this.proc.exitCode})`);
      const timer = setTimeout(() => fail('timed out'), timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.proc.stdout!.off('data', check);
        this.proc.stderr!.off('data', check);
        this.proc.off('exit', onExit);
      };
      this.proc.stdout!.on('data', check);
      this.proc.stderr!.on('data', check);
      this.proc.once('exit', onExit);
      check();
    });
  }

  /** Sends `signal` and waits for the exit; kills it if it takes longer than `timeoutMs`. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 8_000) {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return this.exited;
    this.proc.kill(signal);
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), timeoutMs);
    const result = await this.exited;
    clearTimeout(timer);
    return result;
  }
}

/** The test runner's environment without SSS_* variables that would change the config under test. */
export function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SSS_')));
}
