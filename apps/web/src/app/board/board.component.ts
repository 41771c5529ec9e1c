import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FleetCatalog } from '../core/fleet-catalog.service';
import { FleetConnection } from '../core/fleet-connection.service';
import { persistedSignal } from '../core/persisted-signal';
import { I18n } from '../i18n/i18n.service';
import { countryName } from '../shared/country-flag.component';
import { BoardHeaderComponent } from './board-header.component';
import { BoardUptime } from './board-uptime.service';
import {
  boardOrder,
  groupServers,
  matchesQuery,
  SORT_KEYS,
  sortServers,
  type SortKey,
  unreportedServers,
  withUnreported,
} from './fleet-view';
import { ServerCardComponent } from './server-card.component';

/** The grid's smallest card in px at the page's font size: 17.5rem x 17.75rem (styles.css, --card-height). */
function smallestCard(): { width: number; height: number } {
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  return { width: 17.5 * rem, height: 17.75 * rem };
}

const isSortKey = (value: unknown): value is SortKey => SORT_KEYS.includes(value as SortKey);
const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

/**
 * The fleet board (route `/`). Sorting by group shows one collapsible section
 * per group; any other sort ranks the whole fleet in one list, since "which
 * servers are busiest" is a question across groups.
 */
@Component({
  selector: 'sss-board',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NgTemplateOutlet, BoardHeaderComponent, ServerCardComponent],
  templateUrl: './board.component.html',
  styleUrl: './board.component.css',
})
export class BoardComponent {
  private readonly live = inject(FleetConnection).servers;
  private readonly fleetCatalog = inject(FleetCatalog);
  private readonly catalog = this.fleetCatalog.servers;
  /** The group order and weights set in the console, for the group sort. */
  private readonly order = computed(() => boardOrder(this.fleetCatalog.groups(), this.catalog()));
  private readonly unreported = computed(() => unreportedServers(this.catalog()));
  /** Every server that reported, and every configured one that has not. */
  protected readonly servers = computed(() => withUnreported(this.live(), this.unreported()));
  /** Each server's uptime over 24 h, for its card. */
  protected readonly uptime = inject(BoardUptime).uptime;
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;

  protected readonly query = signal('');
  protected readonly sort = persistedSignal<SortKey>('sss.sort', 'group', isSortKey);
  private readonly collapsedGroups = persistedSignal<string[]>('sss.collapsed', [], isStringList);
  protected readonly collapsed = computed(() => new Set(this.collapsedGroups()));

  protected readonly total = computed(() => this.servers().length);
  protected readonly visible = computed(() => {
    const query = this.query();
    const lang = this.i18n.lang();
    // Country names as the flags' titles give them, in the page's language.
    const matching = this.servers().filter((s) => matchesQuery(s, query, (code) => countryName(code, lang)));
    return sortServers(matching, this.sort(), this.order());
  });
  /** The sections, each with the board position of its first card. */
  protected readonly sections = computed(() => {
    let first = 0;
    return groupServers(this.visible(), this.order()).map((section) => {
      const start = first;
      first += section.servers.length;
      return { ...section, first: start };
    });
  });
  private readonly card = smallestCard();
  /**
   * How many cards are built in full before the browser has said which are on
   * screen (see ServerCardComponent), so the first frame is complete: a
   * screenful of the smallest cards, rounded up.
   */
  protected readonly eagerCards = Math.ceil(innerWidth / this.card.width) * Math.ceil(innerHeight / this.card.height);
  /** Columns the grid has at the page's width when it loads; only estimates sizes (see sectionRows). */
  private readonly columns = Math.max(1, Math.floor(innerWidth / this.card.width));

  /**
   * The rows of cards a section takes, for the size the browser gives a section
   * it has not drawn yet (board.component.css): close enough for the scrollbar;
   * once drawn, the browser keeps the real size.
   */
  protected sectionRows(cards: number, open: boolean): number {
    return open ? Math.ceil(cards / this.columns) : 0;
  }

  protected toggle(group: string): void {
    this.collapsedGroups.update((list) => (list.includes(group) ? list.filter((g) => g !== group) : [...list, group]));
  }
}
