import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, untracked } from '@angular/core';
import { API_PATHS, type EventsResponse } from '@sss/contracts/constants';
import { apiPath, getJson } from '../core/api';
import { Clock } from '../core/clock.service';
import { fetched } from '../core/fetched';
import { FleetConnection } from '../core/fleet-connection.service';
import { formatDuration } from '../format/duration';
import { formatPercent } from '../format/percent';
import { DETAIL_MESSAGES } from '../i18n/detail-messages';
import { I18n } from '../i18n/i18n.service';
import { outagesOf } from './outages';

/** How long after a transition the events are asked for again: the dashboard stores history about once a second. */
const EVENTS_SETTLE_MS = 2_500;

/** Outages listed at most; the events endpoint pages further back. */
const OUTAGES_SHOWN = 20;

/**
 * A server's uptime % over 24 h, 7 d and 30 d and its recent outages, from
 * `GET /api/servers/:id/events`; asked again whenever the server goes
 * online or offline while the page is open.
 */
@Component({
  selector: 'sss-server-uptime',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './server-uptime.component.html',
  styleUrls: ['./detail-section.css', './server-uptime.component.css'],
})
export class ServerUptimeComponent {
  readonly serverId = input.required<string>();

  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.translator(DETAIL_MESSAGES);
  private readonly now = inject(Clock).now;
  private readonly live = inject(FleetConnection).servers;
  private readonly online = computed(() => this.live().get(this.serverId())?.online);

  protected readonly events = fetched(this.serverId, (id, signal) => getJson<EventsResponse>(apiPath(API_PATHS.events, id), signal));

  constructor() {
    // A transition while the page is open changes both the figures and the outages: ask again once
    // the dashboard has stored it (it writes history in batches), keeping what is shown meanwhile.
    let seen: boolean | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    effect(() => {
      const online = this.online();
      if (seen !== undefined && online !== undefined && online !== seen) {
        clearTimeout(timer);
        timer = setTimeout(() => untracked(() => this.events.reload()), EVENTS_SETTLE_MS);
      }
      if (online !== undefined) seen = online;
    });
    inject(DestroyRef).onDestroy(() => clearTimeout(timer));
  }

  protected readonly figures = computed(() => {
    const uptime = this.events.value()?.uptime;
    return (['24h', '7d', '30d'] as const).map((window) => {
      const value = uptime?.[window];
      return { window, label: `uptime.${window}` as const, text: value === null || value === undefined ? '–' : formatPercent(value, 2) };
    });
  });

  protected readonly outages = computed(() => {
    const events = this.events.value()?.events ?? [];
    const units = this.i18n.durationUnits();
    const lang = this.i18n.lang();
    return outagesOf(events)
      .slice(0, OUTAGES_SHOWN)
      .map((o) => ({
        from: o.from,
        start: new Date(o.from).toLocaleString(lang),
        duration: formatDuration(((o.to ?? this.now()) - o.from) / 1000, 2, 's', units),
        ongoing: o.to === null,
        cause: `cause.${o.cause}` as const,
      }));
  });
}
