import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Clock } from '../core/clock.service';
import { formatAge } from '../format/duration';
import { I18n } from '../i18n/i18n.service';
import type { MessageKey } from '../i18n/messages';

/**
 * "updated 3s ago", ticking. Its own component so the every-second tick
 * re-renders this text node only, not the card around it.
 */
@Component({
  selector: 'sss-time-ago',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<time [attr.datetime]="iso()" [title]="iso()">{{ text() }}</time>`,
})
export class TimeAgoComponent {
  /** Unix time in milliseconds. */
  readonly at = input.required<number>();
  /** A message with an `{age}` placeholder. */
  readonly message = input.required<MessageKey>();

  private readonly clock = inject(Clock);
  private readonly i18n = inject(I18n);
  protected readonly iso = computed(() => new Date(this.at()).toISOString());
  protected readonly text = computed(() =>
    this.i18n.t(this.message(), { age: formatAge(this.at(), this.clock.now(), this.i18n.durationUnits()) }),
  );
}
