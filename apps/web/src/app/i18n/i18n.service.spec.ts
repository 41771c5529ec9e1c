import { TestBed } from '@angular/core/testing';
import { I18n, preferredLang } from './i18n.service';

describe('I18n', () => {
  let i18n: I18n;
  beforeEach(() => {
    localStorage.clear();
    i18n = TestBed.inject(I18n);
  });

  it('gives messages in the current language, with placeholders filled in', () => {
    i18n.lang.set('en');
    expect(i18n.t('status.online')).toBe('Online');
    expect(i18n.t('card.details', { name: 'Web Tokyo' })).toBe('Details of Web Tokyo');
    expect(i18n.t('metric.cores', { count: 8 })).toBe('8 cores');
    i18n.lang.set('zh-CN');
    expect(i18n.t('card.details', { name: 'Web Tokyo' })).toBe('Web Tokyo 的详情');
  });

  it('prefers Chinese for any zh browser language, English otherwise', () => {
    expect(preferredLang(['zh-TW', 'en'])).toBe('zh-CN');
    expect(preferredLang(['de-DE', 'en'])).toBe('en');
  });
});
