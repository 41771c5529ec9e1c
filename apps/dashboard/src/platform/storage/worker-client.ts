import type { Log } from '@sss/log';
import { Worker } from 'node:worker_threads';
import type { StoreName } from './store-methods';

export interface WorkerCall {
  id: number;
  store: StoreName;
  method: string;
  args: unknown[];
}

export type WorkerReply = { id: number; result: unknown; error?: undefined } | { id: number; error: string };

/**
 * Calls into the SQLite worker thread. A worker that dies fails the calls in
 * flight; the next call starts a new one, so storage trouble never stops the
 * dashboard.
 */
export class WorkerClient {
  private worker?: Worker;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();
  private nextId = 0;

  constructor(
    private readonly file: string,
    private readonly data: unknown,
    private readonly log: Log,
  ) {}

  call(store: StoreName, method: string, args: unknown[]): Promise<unknown> {
    const worker = this.started();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, store, method, args } satisfies WorkerCall);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.file, { workerData: this.data });
    worker.on('message', (reply: WorkerReply) => {
      const call = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.error !== undefined) call?.reject(new Error(reply.error));
      else call?.resolve(reply.result);
    });
    worker.on('error', (err) => this.log.error('storage worker failed', { error: err.message }));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      for (const call of this.pending.values()) call.reject(new Error(`storage worker stopped (exit code ${code})`));
      this.pending.clear();
    });
    return (this.worker = worker);
  }
}
