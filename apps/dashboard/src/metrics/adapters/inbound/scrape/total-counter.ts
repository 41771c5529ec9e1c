import { Counter, type Registry } from 'prom-client';

/** A counter whose total is kept elsewhere (a stats snapshot) and set from `read` at each scrape. */
export function totalCounter(registry: Registry, name: string, help: string, read: () => number | Promise<number>): void {
  new Counter({
    name,
    help,
    registers: [registry],
    async collect() {
      const total = await read();
      this.reset();
      this.inc(total);
    },
  });
}
