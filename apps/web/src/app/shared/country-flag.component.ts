import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { I18n } from '../i18n/i18n.service';

/** A country's flag from the bundled flag-icons SVGs (served by the dashboard, nothing external). */
@Component({
  selector: 'sss-country-flag',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (code() && !broken()) {
      <img [src]="'flags/' + code() + '.svg'" [alt]="name()" [title]="name()" width="20" height="15" (error)="broken.set(true)" />
    } @else {
      <span class="none" aria-hidden="true"></span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex: none;
    }
    img,
    .none {
      width: 1.25rem;
      height: 0.94rem;
      border-radius: 2px;
      box-shadow: 0 0 0 1px var(--border);
      object-fit: cover;
    }
    .none {
      background: var(--track);
    }
  `,
})
export class CountryFlagComponent {
  /** ISO 3166-1 alpha-2, any case. */
  readonly countryCode = input<string | undefined>();

  private readonly i18n = inject(I18n);
  protected readonly broken = signal(false);
  protected readonly code = computed(() => {
    const code = this.countryCode()?.toLowerCase();
    return code && /^[a-z]{2}$/.test(code) ? code : undefined;
  });
  protected readonly name = computed(() => countryName(this.code() ?? '', this.i18n.lang()));
}

/** Country names by language and code: a board shows the same few countries 1,000 times. */
const countryNames = new Map<string, string>();
/** One DisplayNames per language: slow to build. */
const regionNames = new Map<string, Intl.DisplayNames>();
/**
 * The first DisplayNames of a page is slow (ICU loads its region data), so
 * it is built once the page is idle; until then (the first board) a flag is
 * named by its code.
 */
const regionDataLoaded = signal(false);
let regionDataRequested = false;

/** `code`'s country name in `lang`; the code itself until the region data is loaded. */
export function countryName(code: string, lang: string): string {
  if (!regionDataLoaded()) {
    if (!regionDataRequested) {
      regionDataRequested = true;
      const whenIdle = globalThis.requestIdleCallback ?? setTimeout;
      whenIdle(() => {
        lookUpCountryName('US', lang);
        regionDataLoaded.set(true);
      });
    }
    return code.toUpperCase();
  }
  const key = `${lang}:${code}`;
  let name = countryNames.get(key);
  if (name === undefined) countryNames.set(key, (name = lookUpCountryName(code.toUpperCase(), lang)));
  return name;
}

function lookUpCountryName(code: string, lang: string): string {
  try {
    let names = regionNames.get(lang);
    if (!names) regionNames.set(lang, (names = new Intl.DisplayNames([lang], { type: 'region' })));
    return names.of(code) ?? code;
  } catch {
    return code; // not a region Intl knows
  }
}
