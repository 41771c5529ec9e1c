import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { Clock } from '../core/clock.service';
import { FleetConnection } from '../core/fleet-connection.service';
import { I18n } from '../i18n/i18n.service';

/** Live / connecting / reconnecting in N s, from the one connection. */
@Component({
  selector: 'sss-connection-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="dot" aria-hidden="true"></span>{{ text() }}`,
  host: { '[attr.data-state]': 'kind()', class: 'connection' },
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 0.4rem;
      font-size: 0.8rem;
      white-space: nowrap;
      color: var(--muted);
    }
    .dot {
      width: 0.55rem;
      height: 0.55rem;
      box-sizing: border-box;
      border-radius: 50%;
      border: 2px solid var(--warn);
    }
    :host([data-state='connected']) .dot {
      background: var(--ok);
      border-color: var(--ok);
    }
  `,
})
export class ConnectionStatusComponent {
  private readonly state = inject(FleetConnection).state;
  private readonly clock = inject(Clock);
  private readonly t = inject(I18n).t;
  protected readonly kind = computed(() => this.state().kind);
  protected readonly text = computed(() => {
    const state = this.state();
    switch (state.kind) {
      case 'connected':
        return this.t('connection.connected');
      case 'connecting':
        return this.t('connection.connecting');
      case 'reconnecting':
        return this.t('connection.reconnecting', { seconds: Math.max(0, Math.ceil((state.retryAt - this.clock.now()) / 1000)) });
    }
  });
}
