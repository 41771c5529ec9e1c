import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, input, signal } from '@angular/core';
import { Navigation } from '../core/navigation.service';
import { formatPercent } from '../format/percent';
import { I18n } from '../i18n/i18n.service';
import { CountryFlagComponent } from '../shared/country-flag.component';
import { CardDetailsComponent } from './card-details.component';
import { type BoardServer, isReported } from './fleet-view';

/**
 * One server on the board. Re-renders only when its own `server` object changes.
 *
 * Off-screen cards are skipped by the browser (`content-visibility: auto`);
 * while skipped, a card holds only its name link and status (so every server
 * is in the tab order, in find-in-page and in the accessibility tree) and
 * leaves out its flag and details (CardDetailsComponent), which are built when the
 * browser is about to show it. A board of 1,000 thus builds and updates only
 * the few dozen cards on screen in full. The browser says so only after a
 * card's first frame, so the first screenful (`eager`) starts in full.
 */
@Component({
  selector: 'sss-server-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CardDetailsComponent, CountryFlagComponent],
  templateUrl: './server-card.component.html',
  styleUrl: './server-card.component.css',
})
export class ServerCardComponent {
  readonly server = input.required<BoardServer>();
  /** Uptime % over the last 24 h; null or absent: not known, nothing shown. */
  readonly uptime = input<number | null>();
  /** Build in full before the browser has said whether the card is on screen. */
  readonly eager = input(false);

  /** Whether the browser draws the card (not skipped), once it has said so. */
  protected readonly shownByBrowser = signal<boolean | undefined>(undefined);
  /** Whether the browser says when it starts and stops skipping a `content-visibility: auto` element. */
  private readonly reportsSkipping = typeof ContentVisibilityAutoStateChangeEvent !== 'undefined';
  /** Without the browser's word on skipping, every card is built in full. */
  protected readonly shown = computed(() => !this.reportsSkipping || (this.shownByBrowser() ?? this.eager()));
  /** The server's report; undefined for a configured server that never reported. */
  protected readonly report = computed(() => {
    const server = this.server();
    return isReported(server) ? server : undefined;
  });
  protected readonly uptimeText = computed(() => {
    const uptime = this.uptime();
    return uptime === null || uptime === undefined ? '' : formatPercent(uptime, 1);
  });
  protected readonly t = inject(I18n).t;
  private readonly navigation = inject(Navigation);

  constructor() {
    // A plain listener, not a host binding: Angular checks a card in full after every event it
    // listens to, and the browser sends this one to all 1,000 cards after the first frame. The
    // signal alone re-renders only the cards whose `shown` changes.
    inject<ElementRef<HTMLElement>>(ElementRef).nativeElement.addEventListener('contentvisibilityautostatechange', (event) =>
      this.shownByBrowser.set(!(event as ContentVisibilityAutoStateChangeEvent).skipped),
    );
  }

  /**
   * The name is a plain link with one listener (a link directive per card
   * would add work for each of 1,000 cards when the board is built).
   */
  protected open(event: MouseEvent): void {
    this.navigation.follow(event, `/servers/${this.server().serverId}`);
  }
}
