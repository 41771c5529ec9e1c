import { effect, signal, type WritableSignal } from '@angular/core';

/**
 * A signal whose value survives reloads in localStorage under `key`.
 * A stored value that fails `isValid` (old version, hand-edited) is ignored.
 * Call in an injection context (it writes back through an effect).
 */
export function persistedSignal<T>(key: string, fallback: T, isValid: (value: unknown) => value is T): WritableSignal<T> {
  const value = signal<T>(load(key, isValid) ?? fallback);
  effect(() => save(key, value()));
  return value;
}

function load<T>(key: string, isValid: (value: unknown) => value is T): T | undefined {
  try {
    const raw = localStorage.getItem(key);
    const parsed: unknown = raw === null ? undefined : JSON.parse(raw);
    return isValid(parsed) ? parsed : undefined;
  } catch {
    return undefined; // storage blocked or corrupt: fall back to the default
  }
}

function save(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage blocked (private mode, quota): the choice just lasts for this page.
  }
}
