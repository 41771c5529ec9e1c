import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { TRAFFIC_DIRECTIONS, type AdminServer, type TrafficDirection } from '@sss/contracts/constants';
import { ADMIN_SERVERS_MESSAGES } from '../../i18n/admin-servers-messages';
import { I18n } from '../../i18n/i18n.service';
import { formValuesOf, QUOTA_UNITS, type QuotaUnit, type ServerFormValues } from './server-form-values';

/** The add form (no `server`) or the edit form of a stored server; emits what was typed, the page sends it. */
@Component({
  selector: 'sss-server-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './server-form.component.html',
  styleUrl: './server-form.component.css',
})
export class ServerFormComponent {
  readonly server = input<AdminServer>();
  readonly busy = input(false);
  readonly save = output<ServerFormValues>();
  readonly dismiss = output<void>();

  protected readonly t = inject(I18n).translator(ADMIN_SERVERS_MESSAGES);
  protected readonly initial = computed(() => formValuesOf(this.server()));
  /** The traffic checkbox once the admin changed it. */
  private readonly trafficChecked = signal<boolean | undefined>(undefined);
  /** Whether the traffic fields show. */
  protected readonly traffic = computed(() => this.trafficChecked() ?? this.initial().traffic);
  protected readonly directions = TRAFFIC_DIRECTIONS;
  protected readonly units = Object.keys(QUOTA_UNITS) as QuotaUnit[];

  protected submit(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    // Text inputs and selects: their entries are strings; a hidden traffic block keeps the initial values.
    const field = (name: keyof ServerFormValues) => (form.get(name) as string | null) ?? String(this.initial()[name]);
    this.save.emit({
      serverId: this.server()?.serverId ?? field('serverId'),
      name: field('name'),
      group: field('group'),
      countryCode: field('countryCode'),
      tags: field('tags'),
      hidden: form.has('hidden'),
      notes: field('notes'),
      traffic: form.has('traffic'),
      resetDay: field('resetDay'),
      direction: field('direction') as ServerFormValues['direction'],
      quota: field('quota'),
      quotaUnit: field('quotaUnit') as QuotaUnit,
    });
  }

  protected directionLabel(direction: TrafficDirection) {
    return `servers.direction.${direction}` as const;
  }

  protected trafficChanged(event: Event): void {
    this.trafficChecked.set((event.target as HTMLInputElement).checked);
  }
}
