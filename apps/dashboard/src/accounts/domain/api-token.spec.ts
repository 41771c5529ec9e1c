import { type ApiToken, roleOfScope, tokenActor, tokenExpired } from './api-token';

describe('ApiToken', () => {
  const token: ApiToken = {
    id: 'a',
    name: 'ci',
    scope: 'read',
    tokenHash: 'h',
    createdBy: 'ann',
    createdAt: 0,
    lastUsedAt: null,
    expiresAt: 1_000,
  };

  it('expires at its expiry, and never without one', () => {
    expect(tokenExpired(token, 999)).toBe(false);
    expect(tokenExpired(token, 1_000)).toBe(true);
    expect(tokenExpired({ ...token, expiresAt: null }, Number.MAX_SAFE_INTEGER)).toBe(false);
  });

  it('acts as a viewer when read-scoped and as an admin when admin-scoped, under a name no user can have', () => {
    expect(roleOfScope('read')).toBe('viewer');
    expect(roleOfScope('admin')).toBe('admin');
    expect(tokenActor('ci')).toBe('token:ci');
  });
});
