import { sessionExpired, type Session } from './account';

describe('sessionExpired', () => {
  const limits = { idleMs: 60_000, maxMs: 600_000 };
  const session: Session = { tokenHash: 'h', username: 'ann', createdAt: 0, lastSeenAt: 0 };

  it('ends a session unused for the idle time', () => {
    expect(sessionExpired(session, limits, 59_999)).toBe(false);
    expect(sessionExpired(session, limits, 60_000)).toBe(true);
  });

  it('ends a session at its absolute limit however much it is used', () => {
    const busy = { ...session, lastSeenAt: 599_000 };
    expect(sessionExpired(busy, limits, 599_999)).toBe(false);
    expect(sessionExpired(busy, limits, 600_000)).toBe(true);
  });
});
