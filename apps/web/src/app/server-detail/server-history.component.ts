import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { API_PATHS, HISTORY_METRICS, type HistoryResponse, reportReadings, SERIES_NAMES } from '@sss/contracts/constants';
import { apiPath, getJson } from '../core/api';
import { fetched } from '../core/fetched';
import { FleetConnection } from '../core/fleet-connection.service';
import { DETAIL_MESSAGES, type DetailMessageKey } from '../i18n/detail-messages';
import { I18n } from '../i18n/i18n.service';
import { AppLinkDirective } from '../shared/app-link.directive';
import { appendLive, CHARTS, chartData, type ChartData, RANGE_KEYS, RANGES, type RangeKey } from './history-chart-data';
import { HistoryChartComponent } from './history-chart.component';

/** The legend's name of a series, by its kind (the name up to the first space, see reportReadings). */
const SERIES_LABELS: Record<string, DetailMessageKey> = {
  cpu: 'series.cpu',
  'memory.used': 'series.memory',
  'swap.used': 'series.swap',
  'load.1': 'series.load',
  'disk.used': 'series.diskUsed',
  'disk.read': 'series.diskRead',
  'disk.write': 'series.diskWrite',
  'network.in': 'series.netIn',
  'network.out': 'series.netOut',
  'cpu.iowait': 'series.iowait',
  'cpu.steal': 'series.steal',
  processes: 'series.processes',
  'connections.tcp': 'series.tcp',
  'connections.udp': 'series.udp',
  'temperature.max': 'series.hottest',
  'gpu.util': 'series.gpu',
};

/**
 * A server's charts over the range chosen (in the URL: `?range=24h`): fetched
 * from `GET /api/servers/:id/history`, then extended by the server's live
 * reports while the page is open.
 */
@Component({
  selector: 'sss-server-history',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AppLinkDirective, HistoryChartComponent],
  templateUrl: './server-history.component.html',
  styleUrl: './server-history.component.css',
})
export class ServerHistoryComponent {
  readonly serverId = input.required<string>();
  readonly range = input.required<RangeKey>();

  protected readonly t = inject(I18n).translator(DETAIL_MESSAGES);
  /** The range links: this page with `?range=`. */
  protected readonly ranges = computed(() =>
    RANGE_KEYS.map((key) => ({ key, label: `range.${key}` as const, url: `/servers/${this.serverId()}?range=${key}` })),
  );
  private readonly live = inject(FleetConnection).servers;

  protected readonly history = fetched(
    () => ({ id: this.serverId(), range: this.range() }),
    ({ id, range }, signal) => {
      const to = Date.now();
      const query = `from=${to - RANGES[range]}&to=${to}&metrics=${HISTORY_METRICS.join(',')}`;
      return getJson<HistoryResponse>(`${apiPath(API_PATHS.history, id)}?${query}`, signal);
    },
  );

  protected readonly charts = computed(() => {
    const history = this.history.value();
    if (!history) return [];
    return CHARTS.map((spec) => ({ key: spec.key, data: chartData(history, spec) }))
      .filter((c): c is { key: (typeof CHARTS)[number]['key']; data: ChartData } => c.data !== undefined)
      .map((c) => ({
        ...c,
        title: `chart.${c.key}` as const,
        labels: c.data.lines.map((line) => this.label(line.name, line.mount, line.max)),
      }));
  });

  constructor() {
    // Each live report of this server becomes the charts' newest point (appendLive keeps one per step).
    effect(() => {
      const update = this.live().get(this.serverId());
      if (!update?.online) return;
      untracked(() => {
        const window = RANGES[this.range()];
        this.history.update((h) => appendLive(h, update.lastSeen, reportReadings(update, SERIES_NAMES), window));
      });
    });
  }

  private label(name: string, mount: string | undefined, max: boolean): string {
    const kind = name.split(' ', 1)[0];
    const key = SERIES_LABELS[kind];
    const base = key ? this.t(key, { mount: mount ?? name.slice(kind.length + 1) }) : name;
    return max ? this.t('series.max', { name: base }) : base;
  }
}
