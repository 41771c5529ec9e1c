import { DestroyRef, inject, Injectable, signal } from '@angular/core';

/** One shared one-second tick for every "N s ago" and countdown on the page. */
@Injectable({ providedIn: 'root' })
export class Clock {
  private readonly nowMs = signal(Date.now());
  readonly now = this.nowMs.asReadonly();

  constructor() {
    const timer = setInterval(() => this.nowMs.set(Date.now()), 1_000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }
}
