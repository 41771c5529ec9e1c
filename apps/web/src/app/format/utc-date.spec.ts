import { formatUtcDay, formatUtcMonth } from './utc-date';

describe('formatUtcDay and formatUtcMonth', () => {
  const feb28 = Date.UTC(2026, 1, 28);

  it('read the day in UTC, in the page language', () => {
    expect(formatUtcDay(feb28, 'en')).toBe('Feb 28');
    expect(formatUtcDay(feb28, 'zh-CN')).toBe('2月28日');
    expect(formatUtcDay(feb28, 'en', true)).toBe('Feb 28, 2026');
    expect(formatUtcDay(feb28, 'zh-CN', true)).toBe('2026年2月28日');
  });

  it('label a month, with its year in January', () => {
    expect(formatUtcMonth(feb28, 'en')).toBe('Feb');
    expect(formatUtcMonth(feb28, 'zh-CN')).toBe('2月');
    expect(formatUtcMonth(Date.UTC(2027, 0, 1), 'en')).toBe('Jan 27');
  });
});
