import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { FleetConnection } from '../core/fleet-connection.service';
import { formatBytes, formatSpeed } from '../format/bytes';
import { formatUptime } from '../format/duration';
import { I18n } from '../i18n/i18n.service';
import { CountryFlagComponent } from '../shared/country-flag.component';
import { TimeAgoComponent } from '../shared/time-ago.component';
import { UsageBarComponent } from '../shared/usage-bar.component';

/** Route `/servers/:id`: every field of one server, live. */
@Component({
  selector: 'sss-server-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, CountryFlagComponent, TimeAgoComponent, UsageBarComponent],
  templateUrl: './server-detail.component.html',
  styleUrl: './server-detail.component.css',
})
export class ServerDetailComponent {
  /** From the route (`withComponentInputBinding`). */
  readonly id = input.required<string>();

  private readonly servers = inject(FleetConnection).servers;
  protected readonly t = inject(I18n).t;
  protected readonly lang = inject(I18n).lang;
  protected readonly server = computed(() => this.servers().get(this.id()));
  protected readonly formatBytes = formatBytes;
  protected readonly formatSpeed = formatSpeed;
  protected readonly formatUptime = formatUptime;

  protected dateTime(ms: number): string {
    return new Date(ms).toLocaleString(this.lang());
  }
}
