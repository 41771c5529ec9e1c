import { formatAge, formatDuration, formatUptime } from './duration';

describe('formatUptime', () => {
  it.each([
    [0, '0s'],
    [45, '45s'],
    [60, '1m'],
    [3_600 * 5 + 125, '5h 2m'],
    [864_000, '10d 0h 0m'],
    [18 * 86_400 + 6 * 3_600 + 32 * 60 + 59, '18d 6h 32m'],
  ])('%d s -> %s', (seconds, text) => {
    expect(formatUptime(seconds)).toBe(text);
  });
});

describe('formatDuration', () => {
  it('keeps only the requested number of units, starting at the largest', () => {
    expect(formatDuration(90_061, 2)).toBe('1d 1h');
    expect(formatDuration(90_061, 4)).toBe('1d 1h 1m 1s');
    expect(formatDuration(90_061, 4, 'h')).toBe('1d 1h');
    expect(formatDuration(30, 2, 'm')).toBe('0m');
  });

  it('treats negative and non-finite input as zero', () => {
    expect(formatDuration(-5, 2)).toBe('0s');
    expect(formatDuration(Number.NaN, 2)).toBe('0s');
  });
});

describe('formatAge', () => {
  const now = 1_700_000_000_000;
  it.each([
    [now, '0s'],
    [now - 3_400, '3s'],
    [now - 5 * 60_000 - 10_000, '5m'],
    [now - 2 * 3_600_000, '2h'],
    [now - 3 * 86_400_000, '3d'],
    [now + 2_000, '0s'],
  ])('%d -> %s', (then, text) => {
    expect(formatAge(then, now)).toBe(text);
  });
});

describe('formatDuration in another language', () => {
  it('writes each unit as given', () => {
    const zh = { d: '天', h: '小时', m: '分钟', s: '秒' };
    expect(formatDuration(90_061, 2, 's', zh)).toBe('1天 1小时');
    expect(formatDuration(42, 2, 's', zh)).toBe('42秒');
    expect(formatUptime(18 * 86_400 + 6 * 3_600 + 32 * 60, zh)).toBe('18天 6小时 32分钟');
    expect(formatAge(1_000, 4_000, zh)).toBe('3秒');
  });
});
