import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { API_PATHS, type ServerDetailResponse } from '@sss/contracts/constants';
import { apiPath, getJson, NotFoundError } from '../core/api';
import { fetched } from '../core/fetched';
import { FleetConnection } from '../core/fleet-connection.service';
import { formatBytes, formatSpeed } from '../format/bytes';
import { formatUptime } from '../format/duration';
import { DETAIL_MESSAGES } from '../i18n/detail-messages';
import { I18n } from '../i18n/i18n.service';
import { CountryFlagComponent } from '../shared/country-flag.component';
import { TimeAgoComponent } from '../shared/time-ago.component';
import { AppLinkDirective } from '../shared/app-link.directive';
import { UsageBarComponent } from '../shared/usage-bar.component';
import { DEFAULT_RANGE, isRangeKey } from './history-chart-data';
import { ServerHistoryComponent } from './server-history.component';
import { ServerTrafficComponent } from './server-traffic.component';
import { ServerUptimeComponent } from './server-uptime.component';

/**
 * Route `/servers/:id`: every field of one server, live, its uptime and
 * outages, and its history charts. What the dashboard knows of the server
 * (`GET /api/servers/:id`) covers the time before its first live update, a
 * server that never reported, and an id the dashboard does not know (404).
 */
@Component({
  selector: 'sss-server-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    AppLinkDirective,
    CountryFlagComponent,
    TimeAgoComponent,
    UsageBarComponent,
    ServerHistoryComponent,
    ServerUptimeComponent,
    ServerTrafficComponent,
  ],
  templateUrl: './server-detail.component.html',
  styleUrl: './server-detail.component.css',
})
export class ServerDetailComponent {
  /** From the route (`withComponentInputBinding`). */
  readonly id = input.required<string>();
  /** The chart range, from the query (`?range=24h`). */
  readonly range = input<string>();

  private readonly servers = inject(FleetConnection).servers;
  protected readonly t = inject(I18n).translator(DETAIL_MESSAGES);
  protected readonly lang = inject(I18n).lang;
  protected readonly rangeKey = computed(() => {
    const range = this.range();
    return isRangeKey(range) ? range : DEFAULT_RANGE;
  });
  private readonly detail = fetched(this.id, (id, signal) => getJson<ServerDetailResponse>(apiPath(API_PATHS.server, id), signal));
  /** The live update, else the latest report the dashboard has. */
  protected readonly server = computed(() => this.servers().get(this.id()) ?? this.stored()?.latest ?? undefined);
  private readonly stored = this.detail.value;
  /** A configured server with no report at all. */
  protected readonly neverReported = computed(() => {
    const stored = this.stored();
    return stored && stored.lastSeen === null && !this.server() ? stored : undefined;
  });
  protected readonly notFound = computed(() => this.detail.error() instanceof NotFoundError && !this.server());
  protected readonly formatBytes = formatBytes;
  protected readonly formatSpeed = formatSpeed;
  protected readonly formatUptime = formatUptime;

  protected dateTime(ms: number): string {
    return new Date(ms).toLocaleString(this.lang());
  }
}
