import { formatBytes, formatSpeed } from './bytes';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [1023, '1023 B'],
    [1024, '1.0 KB'],
    [1536, '1.5 KB'],
    [1048576, '1.0 MB'],
    [16777216000, '15.6 GB'],
    [107374182400, '100 GB'],
    [5 * 1024 ** 4, '5.0 TB'],
  ])('%d bytes -> %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('shows a dash for values that are not byte counts', () => {
    expect(formatBytes(-1)).toBe('–');
    expect(formatBytes(Number.NaN)).toBe('–');
  });
});

describe('formatSpeed', () => {
  it('adds per second', () => {
    expect(formatSpeed(1048576)).toBe('1.0 MB/s');
    expect(formatSpeed(524288)).toBe('512 KB/s');
    expect(formatSpeed(0)).toBe('0 B/s');
  });
});
