import { ConcurrencyLimit } from './concurrency-limit';

/** A task that runs until released, recording how many run at once. */
function gate() {
  let running = 0;
  let most = 0;
  const releases: (() => void)[] = [];
  const task = (value: number) => () =>
    new Promise<number>((resolve) => {
      most = Math.max(most, ++running);
      releases.push(() => {
        running--;
        resolve(value);
      });
    });
  return { task, releases, most: () => most };
}

describe('ConcurrencyLimit', () => {
  it('runs at most `max` tasks at once, starting the waiting ones in order as slots free', async () => {
    const limit = new ConcurrencyLimit(2, 10);
    const { task, releases, most } = gate();
    const results = [1, 2, 3, 4, 5].map((n) => limit.run(task(n))!);
    await Promise.resolve();
    expect(releases).toHaveLength(2);
    while (releases.length) {
      releases.shift()!();
      await new Promise((r) => setImmediate(r));
    }
    expect(await Promise.all(results)).toEqual([1, 2, 3, 4, 5]);
    expect(most()).toBe(2);
  });

  it('takes no task beyond the queue, and frees the slot of a task that failed', async () => {
    const limit = new ConcurrencyLimit(1, 1);
    const { task, releases } = gate();
    const failing = limit.run(() => Promise.reject(new Error('API down')))!;
    const waiting = limit.run(task(2))!;
    expect(limit.run(task(3))).toBeUndefined(); // one running, one waiting: full
    await expect(failing).rejects.toThrow('API down');
    await new Promise((r) => setImmediate(r));
    releases.shift()!();
    expect(await waiting).toBe(2);
  });
});
