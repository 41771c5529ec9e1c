import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { I18n } from '../i18n/i18n.service';
import { usageLevel } from './usage-level';

/**
 * A labelled percentage bar. The level shows as colour, as a pattern on the
 * fill and as a `!`/`!!` mark beside the number, so it reads without colour too.
 */
@Component({
  selector: 'sss-usage-bar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="line">
      <span class="label">{{ label() }}</span>
      <span class="detail">{{ detail() }}</span>
      <span class="value" [class]="level()">
        @if (level() !== 'ok') {
          <span class="mark" aria-hidden="true">{{ level() === 'critical' ? '!!' : '!' }}</span>
        }
        {{ rounded() }}%
      </span>
    </div>
    <div
      class="track"
      role="meter"
      aria-valuemin="0"
      aria-valuemax="100"
      [attr.aria-valuenow]="rounded()"
      [attr.aria-valuetext]="valueText()"
      [attr.aria-label]="label()"
    >
      <div class="fill" [class]="level()" [style.width.%]="clamped()"></div>
    </div>
  `,
  styleUrl: './usage-bar.component.css',
})
export class UsageBarComponent {
  readonly label = input.required<string>();
  readonly percent = input.required<number>();
  /** Small print beside the label, e.g. `3.1 / 16 GB`. */
  readonly detail = input('');

  private readonly i18n = inject(I18n);
  protected readonly clamped = computed(() => Math.min(100, Math.max(0, this.percent())));
  protected readonly rounded = computed(() => Math.round(this.clamped()));
  protected readonly level = computed(() => usageLevel(this.clamped()));
  protected readonly valueText = computed(() => {
    const level = this.level();
    const suffix = level === 'ok' ? '' : `, ${this.i18n.t(level === 'critical' ? 'metric.critical' : 'metric.warning')}`;
    return `${this.rounded()}%${suffix}`;
  });
}
