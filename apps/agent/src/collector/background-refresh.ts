/**
 * A reading too slow or too costly for every sample (a statfs per mount, a
 * run of nvidia-smi): re-read at most every `everyMs`, in the background,
 * never two at once. A sample takes the last value and does not wait.
 */
export class BackgroundRefresh<T> {
  value: T;
  private at?: number;
  private running?: Promise<void>;

  constructor(
    private readonly read: () => Promise<T>,
    initial: T,
    private readonly everyMs: number,
    private readonly now: () => number,
    /** Told of a failed read; the last value is kept, and the next try waits `everyMs`. */
    private readonly onError: (err: unknown) => void,
  ) {
    this.value = initial;
  }

  /** True until the first read has ended. */
  get neverRead(): boolean {
    return this.at === undefined;
  }

  /** Starts a read when the value is stale; resolves when that (or the one running) ends. */
  refresh(): Promise<void> {
    const stale = this.at === undefined || this.now() - this.at >= this.everyMs;
    if (stale && !this.running) {
      this.running = this.read()
        .then((value) => {
          this.value = value;
        })
        .catch((err) => this.onError(err))
        .finally(() => {
          this.at = this.now();
          this.running = undefined;
        });
    }
    return this.running ?? Promise.resolve();
  }
}
