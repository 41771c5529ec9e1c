import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { ServerUpdate } from '@sss/contracts/constants';
import { formatBytes, formatSpeed } from '../format/bytes';
import { formatUptime } from '../format/duration';
import { formatCelsius } from '../format/temperature';
import { I18n } from '../i18n/i18n.service';
import { hottestSensor } from '../shared/hottest-sensor';
import { TimeAgoComponent } from '../shared/time-ago.component';
import { UsageBarComponent } from '../shared/usage-bar.component';
import { fullestDisk } from '../shared/usage-level';
import { CardTrafficComponent } from './card-traffic.component';

/**
 * The part of a card below its header: bars, speeds, the protocol 1.1
 * readings (load, swap, the hottest sensor), uptime and the ticking time. A
 * component of its own so that a card the browser skips (see
 * ServerCardComponent) builds none of it, not even its computed values.
 */
@Component({
  selector: 'sss-card-details',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TimeAgoComponent, UsageBarComponent, CardTrafficComponent],
  templateUrl: './card-details.component.html',
  styleUrl: './card-details.component.css',
})
export class CardDetailsComponent {
  readonly server = input.required<ServerUpdate>();

  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly formatBytes = formatBytes;
  protected readonly formatCelsius = formatCelsius;
  protected readonly formatSpeed = formatSpeed;
  protected readonly disk = computed(() => fullestDisk(this.server().disk));
  protected readonly diskRead = computed(() => this.server().disk.reduce((sum, d) => sum + d.readSpeed, 0));
  protected readonly diskWrite = computed(() => this.server().disk.reduce((sum, d) => sum + d.writeSpeed, 0));
  protected readonly uptime = computed(() => formatUptime(this.server().system.uptime, this.i18n.durationUnits()));
  protected readonly hottest = computed(() => hottestSensor(this.server().temperatures));
  protected readonly loadTitle = computed(() => {
    const load = this.server().load;
    return load ? `${this.t('metric.loadAverages')}: ${[load.load1, load.load5, load.load15].map((l) => l.toFixed(2)).join(' ')}` : '';
  });
  protected readonly platform = computed(() => {
    const { platform, os, arch } = this.server().system;
    return [platform, platform === os ? '' : os, arch].filter(Boolean).join(' · ');
  });
}
