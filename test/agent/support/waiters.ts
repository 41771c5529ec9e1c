// Captured when this file loads, before any test fakes the timers: a test that
// drives the agent's clock with jest's fake timers still gets real deadlines.
const { setTimeout: realSetTimeout, clearTimeout: realClearTimeout } = globalThis;

/** Promises that resolve once a condition holds, re-checked whenever the owner calls notify(). */
export class Waiters {
  private readonly pending = new Set<() => void>();

  until<T>(check: () => T | undefined | false, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const test = () => {
        const value = check();
        if (!value) return;
        realClearTimeout(timer);
        this.pending.delete(test);
        resolve(value);
      };
      const timer = realSetTimeout(() => {
        this.pending.delete(test);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.pending.add(test);
      test();
    });
  }

  notify(): void {
    for (const test of [...this.pending]) test();
  }
}
