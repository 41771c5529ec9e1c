import { DestroyRef, inject, signal, type Signal } from '@angular/core';

/**
 * The answer of `request`, asked now and every `everyMs` until the injector
 * goes; a failed request (an older dashboard without the route, a network
 * error) keeps the last answer. Call in an injection context.
 */
export function polled<T extends object>(request: () => Promise<T>, everyMs: number, initial: T): Signal<Readonly<T>> {
  const value = signal<Readonly<T>>(initial);
  let stopped = false;
  const load = async () => {
    try {
      const answer = await request();
      if (!stopped && answer && typeof answer === 'object') value.set(answer);
    } catch {
      // Shown as before until the next try.
    }
  };
  void load();
  const timer = setInterval(() => void load(), everyMs);
  inject(DestroyRef).onDestroy(() => {
    stopped = true;
    clearInterval(timer);
  });
  return value.asReadonly();
}
