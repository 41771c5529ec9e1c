import { computed, effect, Injectable } from '@angular/core';
import { persistedSignal } from '../core/persisted-signal';
import type { UnitNames } from '../format/duration';
import { EN, type MessageKey, ZH_CN } from './messages';

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'zh-CN', label: '简体中文' },
] as const;
export type Lang = (typeof LANGUAGES)[number]['code'];

const MESSAGES: Record<Lang, Record<MessageKey, string>> = { en: EN, 'zh-CN': ZH_CN };

const isLang = (value: unknown): value is Lang => LANGUAGES.some((l) => l.code === value);

/** The browser's preference: Chinese of any region gets 简体中文, everything else English. */
export function preferredLang(languages: readonly string[]): Lang {
  return languages.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

/**
 * Run-time language switch. Angular's built-in i18n picks a language at build
 * time; a wall screen should switch without a rebuild or a second bundle.
 */
@Injectable({ providedIn: 'root' })
export class I18n {
  readonly lang = persistedSignal<Lang>('sss.lang', preferredLang(navigator.languages ?? [navigator.language]), isLang);

  constructor() {
    effect(() => (document.documentElement.lang = this.lang()));
  }

  /**
   * A `t` over a table of messages of its own: a lazy page's strings load
   * with it, not with the board (see detail-messages.ts).
   */
  translator<K extends string>(messages: Record<Lang, Record<K, string>>): (key: K, params?: Record<string, string | number>) => string {
    return (key, params) => {
      const message = messages[this.lang()][key];
      // Most calls (1,000 cards' labels) have nothing to fill in: skip the regular expression.
      return params ? message.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? '')) : message;
    };
  }

  /**
   * The message in the current language; a template that calls it re-renders on a switch.
   * An arrow function so components can hold it as `t = inject(I18n).t`.
   */
  readonly t = this.translator(MESSAGES);

  /** How durations write their units in the current language: `18d 6h` or `18天 6小时`. */
  readonly durationUnits = computed<UnitNames>(() => ({
    d: this.t('duration.d'),
    h: this.t('duration.h'),
    m: this.t('duration.m'),
    s: this.t('duration.s'),
  }));
}
