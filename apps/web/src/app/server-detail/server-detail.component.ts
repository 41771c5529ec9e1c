import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { API_PATHS, type ServerDetailResponse } from '@sss/contracts/constants';
import { apiPath, getJson, NotFoundError } from '../core/api';
import { fetched } from '../core/fetched';
import { FleetConnection } from '../core/fleet-connection.service';
import { formatBytes, formatSpeed } from '../format/bytes';
import { formatUptime } from '../format/duration';
import { formatCelsius } from '../format/temperature';
import { DETAIL_MESSAGES, type DetailMessageKey } from '../i18n/detail-messages';
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
 * outages, and its history charts. The fields of protocol 1.1 (load,
 * temperatures, interfaces, GPUs...) come last, in blocks of their own that
 * exist only when the agent sends them: a server with an older agent has the
 * page it always had, and nothing above them moves when they appear. What the dashboard knows of the server
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
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.translator(DETAIL_MESSAGES);
  protected readonly lang = this.i18n.lang;
  protected readonly units = this.i18n.durationUnits;
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
  protected readonly formatCelsius = formatCelsius;

  /** The load and activity readings the agent sent, one row each. */
  protected readonly activity = computed(() => {
    const s = this.server();
    if (!s) return [];
    const lang = this.lang();
    const count = (n: number) => n.toLocaleString(lang);
    const percent = (n: number) => `${n.toFixed(1)}%`;
    const rows: { label: DetailMessageKey; value: string }[] = [];
    if (s.load)
      rows.push({ label: 'detail.load', value: [s.load.load1, s.load.load5, s.load.load15].map((l) => l.toFixed(2)).join(' · ') });
    if (s.swap)
      rows.push({
        label: 'detail.swap',
        value: `${formatBytes(s.swap.used)} / ${formatBytes(s.swap.total)} (${percent(s.swap.usedPercent)})`,
      });
    if (s.processes !== undefined) rows.push({ label: 'detail.processes', value: count(s.processes) });
    if (s.connections) {
      rows.push({ label: 'detail.tcp', value: count(s.connections.tcp) });
      rows.push({ label: 'detail.udp', value: count(s.connections.udp) });
    }
    if (s.cpu.iowait !== undefined) rows.push({ label: 'detail.iowait', value: percent(s.cpu.iowait) });
    if (s.cpu.steal !== undefined) rows.push({ label: 'detail.steal', value: percent(s.cpu.steal) });
    return rows;
  });

  protected dateTime(ms: number): string {
    return new Date(ms).toLocaleString(this.lang());
  }
}
