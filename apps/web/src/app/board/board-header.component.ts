import { ChangeDetectionStrategy, Component, computed, inject, input, model } from '@angular/core';
import { ThemePreference, THEMES, type Theme } from '../core/theme-preference.service';
import { I18n, LANGUAGES, type Lang } from '../i18n/i18n.service';
import { ConnectionStatusComponent } from './connection-status.component';
import { type BoardServer, SORT_KEYS, type SortKey } from './fleet-view';

/** Counts, connection status and every control of the board. */
@Component({
  selector: 'sss-board-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ConnectionStatusComponent],
  templateUrl: './board-header.component.html',
  styleUrl: './board-header.component.css',
})
export class BoardHeaderComponent {
  readonly query = model.required<string>();
  readonly sort = model.required<SortKey>();
  /** The whole fleet, unreported servers included (they count as offline). */
  readonly servers = input.required<readonly BoardServer[]>();

  protected readonly t = inject(I18n).t;
  protected readonly lang = inject(I18n).lang;
  protected readonly theme = inject(ThemePreference).theme;
  protected readonly sortOptions = SORT_KEYS.map((key) => ({ key, label: `sort.${key}` as const }));
  protected readonly themeOptions = THEMES.map((key) => ({ key, label: `theme.${key}` as const }));
  protected readonly languages = LANGUAGES;

  protected readonly total = computed(() => this.servers().length);
  protected readonly online = computed(() => {
    let count = 0;
    for (const server of this.servers()) if (server.online) count++;
    return count;
  });

  protected value(event: Event): string {
    return (event.target as HTMLInputElement | HTMLSelectElement).value;
  }
  protected setSort(value: string): void {
    this.sort.set(value as SortKey);
  }
  protected setTheme(value: string): void {
    this.theme.set(value as Theme);
  }
  protected setLang(value: string): void {
    this.lang.set(value as Lang);
  }
}
