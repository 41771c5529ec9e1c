import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input } from '@angular/core';
import { API_PATHS, type TrafficResponse } from '@sss/contracts/constants';
import { apiPath, getJson } from '../core/api';
import { fetched } from '../core/fetched';
import { formatBytes } from '../format/bytes';
import { formatUtcDay } from '../format/utc-date';
import { I18n } from '../i18n/i18n.service';
import { TRAFFIC_DETAIL_MESSAGES } from '../i18n/traffic-detail-messages';
import { trafficBars } from './traffic-bars';

/** Periods drawn: a year of monthly bills. */
export const TRAFFIC_PERIODS = 12;
/** How often the open page asks again: the board's pace. */
const REFRESH_MS = 60_000;

/**
 * A server's traffic: this billing period against its quota, and the last
 * TRAFFIC_PERIODS periods as bars, from `GET /api/servers/:id/traffic`.
 */
@Component({
  selector: 'sss-server-traffic',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './server-traffic.component.html',
  styleUrls: ['./detail-section.css', './server-traffic.component.css'],
})
export class ServerTrafficComponent {
  readonly serverId = input.required<string>();

  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.translator(TRAFFIC_DETAIL_MESSAGES);
  protected readonly periods = TRAFFIC_PERIODS;
  protected readonly traffic = fetched(this.serverId, (id, signal) =>
    getJson<TrafficResponse>(`${apiPath(API_PATHS.traffic, id)}?periods=${TRAFFIC_PERIODS}`, signal),
  );

  constructor() {
    const timer = setInterval(() => this.traffic.reload(), REFRESH_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected readonly view = computed(() => {
    const answer = this.traffic.value();
    if (!answer) return undefined;
    const lang = this.i18n.lang();
    const [current] = answer.periods;
    const quota =
      answer.quotaBytes === null
        ? this.t('traffic.noQuota')
        : // Past 100 % when over the quota (formatPercent stops at 100 %).
          `${formatBytes(answer.quotaBytes)} (${(answer.percent ?? 0).toFixed(1)}%)`;
    return {
      used: formatBytes(current.used),
      sent: formatBytes(current.sent),
      recv: formatBytes(current.recv),
      quota,
      period: this.t('traffic.period', { start: formatUtcDay(current.start, lang, true), end: formatUtcDay(current.end - 1, lang, true) }),
      resets: this.t('traffic.resets', { date: formatUtcDay(current.end, lang) }),
      counts: this.t('traffic.counts', { direction: this.t(`traffic.direction.${answer.direction}`) }),
      ...trafficBars(answer, lang),
    };
  });
}
