import { effect, Injectable } from '@angular/core';
import { persistedSignal } from './persisted-signal';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const isTheme = (value: unknown): value is Theme => THEMES.includes(value as Theme);

/** Light, dark or the system's choice; styles.css keys off `data-theme` on <html>. */
@Injectable({ providedIn: 'root' })
export class ThemePreference {
  readonly theme = persistedSignal<Theme>('sss.theme', 'system', isTheme);

  constructor() {
    effect(() => {
      const theme = this.theme();
      if (theme === 'system') delete document.documentElement.dataset['theme'];
      else document.documentElement.dataset['theme'] = theme;
    });
  }
}
