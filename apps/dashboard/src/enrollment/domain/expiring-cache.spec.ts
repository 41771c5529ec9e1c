import { ExpiringCache } from './expiring-cache';

describe('ExpiringCache', () => {
  it('answers an entry until its own end, then forgets it', () => {
    const cache = new ExpiringCache<string>(10);
    cache.set('token-a', 'node-a', 1_000);
    cache.set('token-b', 'node-b', 2_000);
    expect([cache.get('token-a', 999), cache.get('token-b', 999)]).toEqual(['node-a', 'node-b']);
    expect([cache.get('token-a', 1_000), cache.get('token-b', 1_000)]).toEqual([undefined, 'node-b']);
    expect(cache.size).toBe(1);
  });

  it('holds at most maxEntries, dropping the oldest added', () => {
    const cache = new ExpiringCache<number>(2);
    cache.set('a', 1, 100);
    cache.set('b', 2, 100);
    cache.set('a', 3, 100); // re-added: now the newest
    cache.set('c', 4, 100);
    expect([cache.get('a', 0), cache.get('b', 0), cache.get('c', 0)]).toEqual([3, undefined, 4]);
    expect(cache.size).toBe(2);
  });
});
