import { DestroyRef, effect, inject, signal, untracked } from '@angular/core';

/** The state of a request that `fetched` keeps: the last answer, or why it failed. */
export interface Fetched<T> {
  /** The answer for the current parameters; undefined while it loads. */
  readonly value: () => T | undefined;
  readonly error: () => unknown;
  /** Asks again for the same parameters, keeping the current value until the answer. */
  reload(): void;
  /** Changes the value in place (e.g. a live point appended). */
  update(change: (value: T) => T): void;
}

/**
 * Runs `load` whenever `params` changes, aborting the previous request, and
 * keeps its answer in signals. Angular's `resource` does this too, but its
 * code would land in the board's initial chunk (code splitting puts what
 * any chunk uses of @angular/core there); this is a few lines in the lazy one.
 * Call in an injection context.
 */
export function fetched<P, T>(params: () => P, load: (params: P, signal: AbortSignal) => Promise<T>): Fetched<T> {
  const value = signal<T | undefined>(undefined);
  const error = signal<unknown>(undefined);
  let current: AbortController | undefined;
  let currentParams: P | undefined;
  const start = (p: P, keep: boolean) => {
    current?.abort();
    const controller = (current = new AbortController());
    currentParams = p;
    if (!keep) value.set(undefined);
    error.set(undefined);
    load(p, controller.signal).then(
      (answer) => controller === current && value.set(answer),
      (failure: unknown) => controller === current && error.set(failure),
    );
  };
  effect(() => {
    const p = params();
    untracked(() => start(p, false));
  });
  inject(DestroyRef).onDestroy(() => current?.abort());
  return {
    value: value.asReadonly(),
    error: error.asReadonly(),
    reload: () => currentParams !== undefined && start(currentParams, true),
    update: (change) => {
      const v = value();
      if (v !== undefined) value.set(change(v));
    },
  };
}
