import { closestKey } from './closest-key';

const AGENT_KEYS = ['server', 'id', 'secret', 'secretFile', 'secretEnv', 'intervalSeconds', 'name', 'group', 'hostRoot', 'ip'];

describe('closestKey', () => {
  it.each([
    ['interval', 'intervalSeconds'], // shortened
    ['interval_seconds', 'intervalSeconds'], // another spelling of the same key
    ['IntervalSeconds', 'intervalSeconds'],
    ['intervlSeconds', 'intervalSeconds'], // a letter left out
    ['secert', 'secret'], // two letters swapped
    ['secretfil', 'secretFile'],
    ['grop', 'group'],
  ])('suggests %s -> %s', (given, meant) => {
    expect(closestKey(given, AGENT_KEYS)).toBe(meant);
  });

  it.each(['colour', 'hostname', 'x', 'verbose', ''])('suggests nothing for %j, which is close to no key', (given) => {
    expect(closestKey(given, AGENT_KEYS)).toBeUndefined();
  });

  it('ignores the dashes of flags', () => {
    expect(closestKey('--intervl', ['--server', '--id', '--interval'])).toBe('--interval');
  });

  it('prefers the shortest key a shortened one starts, and the first listed on a tie', () => {
    expect(closestKey('sec', AGENT_KEYS)).toBe('secret');
    expect(closestKey('secretX', ['secretA', 'secretB'])).toBe('secretA');
  });
});
