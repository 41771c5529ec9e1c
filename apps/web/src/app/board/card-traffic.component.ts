import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { formatBytes } from '../format/bytes';
import { formatUtcDay } from '../format/utc-date';
import { I18n } from '../i18n/i18n.service';
import { TRAFFIC_MESSAGES } from '../i18n/traffic-messages';
import { UsageBarComponent } from '../shared/usage-bar.component';
import { BoardTraffic } from './board-traffic.service';

/**
 * A card's traffic this billing period: with a quota, a bar of the share used
 * and the reset date; without, the bytes used and their split. Part of the
 * board's initial JavaScript (under 1 KB compressed): loading it apart, by
 * `@defer` or `import()`, cost more (README, Console).
 */
@Component({
  selector: 'sss-card-traffic',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [UsageBarComponent],
  template: `
    @if (view(); as v) {
      @if (v.percent !== null) {
        <sss-usage-bar [label]="t('traffic.label')" [percent]="v.percent" [detail]="v.detail" [title]="v.resets" />
      } @else {
        <p class="line">
          <span class="label">{{ t('traffic.label') }}</span>
          <span class="used">{{ v.used }}</span>
          <span class="detail">{{ v.detail }}</span>
        </p>
      }
    }
  `,
  styleUrl: './card-traffic.component.css',
})
export class CardTrafficComponent {
  readonly serverId = input.required<string>();

  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.translator(TRAFFIC_MESSAGES);
  private readonly traffic = inject(BoardTraffic).traffic;

  protected readonly view = computed(() => {
    const summary = this.traffic()[this.serverId()];
    if (!summary) return undefined;
    const used = formatBytes(summary.used);
    const date = formatUtcDay(summary.end, this.i18n.lang());
    const resets = this.t('traffic.resets', { date });
    if (summary.quotaBytes === null || summary.percent === null) {
      return { percent: null, used, resets, detail: `↑ ${formatBytes(summary.sent)} ↓ ${formatBytes(summary.recv)}` };
    }
    // The card is narrow: the reset date as `↻ Dec 1`, spelled out in the tooltip.
    return { percent: summary.percent, used, resets, detail: `${used} / ${formatBytes(summary.quotaBytes)} · ↻ ${date}` };
  });
}
