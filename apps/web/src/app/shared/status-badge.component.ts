import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { I18n } from '../i18n/i18n.service';

/** Online/offline as a word with a shaped dot (filled or hollow), not colour alone. */
@Component({
  selector: 'sss-status-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="badge" [class.online]="online()">
    <span class="dot" aria-hidden="true"></span>{{ t(online() ? 'status.online' : 'status.offline') }}
  </span>`,
  styles: `
    .badge {
      display: inline-flex;
      align-items: center;
      gap: 0.3rem;
      padding: 0.05rem 0.45rem;
      border-radius: 1rem;
      font-size: 0.7rem;
      font-weight: 600;
      white-space: nowrap;
      color: var(--crit-text);
      background: color-mix(in srgb, var(--crit) 14%, transparent);
    }
    .badge.online {
      color: var(--ok-text);
      background: color-mix(in srgb, var(--ok) 14%, transparent);
    }
    .dot {
      width: 0.45rem;
      height: 0.45rem;
      box-sizing: border-box;
      border-radius: 50%;
      border: 2px solid currentColor;
    }
    .online .dot {
      background: currentColor;
    }
  `,
})
export class StatusBadgeComponent {
  readonly online = input.required<boolean>();
  protected readonly t = inject(I18n).t;
}
