import { AGENT_BACKOFF } from '@sss/contracts';
import { Backoff } from './backoff';

describe('Backoff', () => {
  it('follows 3 s x 1.2 up to 600 s without jitter', () => {
    const b = new Backoff(AGENT_BACKOFF, 0.1, () => 0);
    const delays = Array.from({ length: 40 }, () => b.next());
    expect(delays.slice(0, 4)).toEqual([3000, 3600, 4320, 5184]);
    expect(Math.max(...delays)).toBe(600_000);
    expect(delays.slice(-5)).toEqual([600_000, 600_000, 600_000, 600_000, 600_000]);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]);
  });

  it('spreads each delay by at most the jitter, never past the cap', () => {
    const b = new Backoff(AGENT_BACKOFF, 0.1, () => 0.999);
    expect(b.next()).toBe(Math.round(3000 * 1.0999));
    for (let i = 0; i < 50; i++) expect(b.next()).toBeLessThanOrEqual(600_000);
  });

  it('starts over at 3 s after reset', () => {
    const b = new Backoff(AGENT_BACKOFF, 0, Math.random);
    b.next();
    b.next();
    b.reset();
    expect(b.next()).toBe(3000);
  });
});
