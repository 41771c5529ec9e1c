import { Directive, inject, input } from '@angular/core';
import { Navigation } from '../core/navigation.service';

/** `<a sssLink="/path">`: a real link (open in a new tab works) that a plain click follows inside the app. */
@Directive({
  selector: 'a[sssLink]',
  host: { '[href]': 'sssLink()', '(click)': 'navigation.follow($event, sssLink(), replace())' },
})
export class AppLinkDirective {
  readonly sssLink = input.required<string>();
  /** Replace the current history entry instead of adding one (e.g. switching a chart's range). */
  readonly replace = input(false);
  protected readonly navigation = inject(Navigation);
}
