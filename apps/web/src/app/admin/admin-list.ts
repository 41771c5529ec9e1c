import { signal } from '@angular/core';
import { ApiFailure } from './admin-api';

/**
 * What each admin section keeps: the list it shows, whether a change is
 * under way, and the last failure's message. A change reloads the list
 * whether it passed or not, so the page shows what the dashboard holds.
 */
export class AdminList<T> {
  readonly items = signal<T[]>([]);
  readonly busy = signal(false);
  readonly error = signal('');

  constructor(private readonly load: () => Promise<T[]>) {
    void this.change(() => Promise.resolve());
  }

  async change(work: () => Promise<unknown>): Promise<void> {
    this.busy.set(true);
    this.error.set('');
    try {
      await work();
    } catch (err) {
      this.error.set(messageOf(err));
    }
    try {
      this.items.set(await this.load());
    } catch (err) {
      this.error.set(messageOf(err));
    } finally {
      this.busy.set(false);
    }
  }
}

function messageOf(err: unknown): string {
  return err instanceof ApiFailure ? err.message : String((err as Error)?.message ?? err);
}
