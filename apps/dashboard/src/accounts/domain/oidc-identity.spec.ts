import { identityFrom } from './oidc-identity';

const mapping = { roleClaim: 'groups', adminValues: ['ops'], viewerValues: ['staff', 'audit'], usernameClaim: 'preferred_username' };

describe('identityFrom', () => {
  it('maps a list claim, an admin value winning over a viewer value', () => {
    expect(identityFrom({ sub: 's1', preferred_username: 'ann', groups: ['staff', 'ops'] }, mapping)).toEqual({
      outcome: 'ok',
      principal: { username: 'ann', role: 'admin' },
    });
    expect(identityFrom({ sub: 's1', preferred_username: 'bob', groups: ['audit'] }, mapping)).toEqual({
      outcome: 'ok',
      principal: { username: 'bob', role: 'viewer' },
    });
  });

  it('maps a single string claim', () => {
    expect(identityFrom({ sub: 's1', preferred_username: 'ann', groups: 'ops' }, mapping)).toMatchObject({ principal: { role: 'admin' } });
  });

  it('falls back to sub for the username', () => {
    expect(identityFrom({ sub: 's1', preferred_username: '', groups: ['staff'] }, mapping)).toMatchObject({
      principal: { username: 's1' },
    });
    expect(identityFrom({ sub: 's2', groups: ['staff'] }, mapping)).toMatchObject({ principal: { username: 's2' } });
  });

  it('gives no role without a mapped value, and no identity without a usable name', () => {
    expect(identityFrom({ sub: 's1', preferred_username: 'eve', groups: ['guests', 7] }, mapping)).toEqual({
      outcome: 'no-role',
      username: 'eve',
    });
    expect(identityFrom({ sub: 's1', preferred_username: 'eve' }, mapping)).toEqual({ outcome: 'no-role', username: 'eve' });
    expect(identityFrom({ preferred_username: 42 }, mapping)).toBeUndefined();
    expect(identityFrom({ sub: 'x'.repeat(201) }, mapping)).toBeUndefined();
  });
});
