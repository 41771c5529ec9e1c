/**
 * Runs at most `max` tasks at once; the others wait their turn in a queue of
 * at most `maxWaiting`, and beyond it a task is not taken at all.
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly max: number,
    private readonly maxWaiting: number,
  ) {}

  /** `task`'s result once it ran in its turn; undefined (and `task` never called) when the queue is full. */
  run<T>(task: () => Promise<T>): Promise<T> | undefined {
    if (this.running < this.max) return this.start(task);
    if (this.waiting.length >= this.maxWaiting) return undefined;
    return new Promise<T>((resolve, reject) => this.waiting.push(() => void this.start(task).then(resolve, reject)));
  }

  private async start<T>(task: () => Promise<T>): Promise<T> {
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      // Started synchronously here, so the freed slot goes to the longest waiting task.
      this.waiting.shift()?.();
    }
  }
}
