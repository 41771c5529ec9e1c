import type { Writable } from 'node:stream';

/**
 * Holds back a stream's writes until the current event-loop turn ends, so the
 * frames of every report handled in one turn leave a socket in one `writev`
 * instead of one system call each. Under load a turn handles many reports and
 * the saving is large; when idle a turn handles one and nothing is delayed.
 */
export class WriteBatch {
  private readonly held = new Set<Writable>();
  private scheduled = false;

  /**
   * Corks `stream` until the turn's I/O callbacks are done. Returns true for
   * the turn's first hold of that stream, when what it still buffers is
   * earlier turns' data only.
   */
  hold(stream: Writable): boolean {
    if (this.held.has(stream)) return false;
    stream.cork();
    this.held.add(stream);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    return true;
  }

  private flush(): void {
    this.scheduled = false;
    for (const stream of this.held) stream.uncork();
    this.held.clear();
  }
}
