import { formatPercent } from './percent';

describe('formatPercent', () => {
  it.each([
    [100, 1, '100%'],
    [99.97, 1, '99.9%'],
    [99.97, 2, '99.97%'],
    [99.999, 2, '99.99%'],
    [0, 1, '0.0%'],
    [50, 0, '50%'],
  ])('%d with %d decimals -> %s, never rounded up to 100 %', (value, digits, text) => {
    expect(formatPercent(value, digits)).toBe(text);
  });

  it('shows a dash for a value that is not a number', () => {
    expect(formatPercent(Number.NaN, 1)).toBe('–');
  });
});
