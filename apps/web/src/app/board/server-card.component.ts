import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ServerUpdate } from '@sss/contracts/constants';
import { formatBytes, formatSpeed } from '../format/bytes';
import { formatUptime } from '../format/duration';
import { I18n } from '../i18n/i18n.service';
import { CountryFlagComponent } from '../shared/country-flag.component';
import { StatusBadgeComponent } from '../shared/status-badge.component';
import { TimeAgoComponent } from '../shared/time-ago.component';
import { UsageBarComponent } from '../shared/usage-bar.component';
import { fullestDisk } from '../shared/usage-level';

/** One server on the board. Re-renders only when its own `server` object changes. */
@Component({
  selector: 'sss-server-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, CountryFlagComponent, StatusBadgeComponent, TimeAgoComponent, UsageBarComponent],
  templateUrl: './server-card.component.html',
  styleUrl: './server-card.component.css',
})
export class ServerCardComponent {
  readonly server = input.required<ServerUpdate>();

  protected readonly t = inject(I18n).t;
  protected readonly formatBytes = formatBytes;
  protected readonly formatSpeed = formatSpeed;
  protected readonly disk = computed(() => fullestDisk(this.server().disk));
  protected readonly diskRead = computed(() => this.server().disk.reduce((sum, d) => sum + d.readSpeed, 0));
  protected readonly diskWrite = computed(() => this.server().disk.reduce((sum, d) => sum + d.writeSpeed, 0));
  protected readonly uptime = computed(() => formatUptime(this.server().system.uptime));
  protected readonly platform = computed(() => {
    const { platform, os, arch } = this.server().system;
    return [platform, platform === os ? '' : os, arch].filter(Boolean).join(' · ');
  });
}
