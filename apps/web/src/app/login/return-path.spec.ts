import { returnPath } from './return-path';

describe('returnPath', () => {
  const origin = 'http://127.0.0.1:8900';

  it('goes back to the page of this origin that sent the user to log in', () => {
    expect(returnPath('?next=%2Fadmin%2Fservers', origin)).toBe('/admin/servers');
    expect(returnPath('?next=%2Fservers%2Fweb-1%3Frange%3D7d', origin)).toBe('/servers/web-1?range=7d');
  });

  it('goes to the board without a next page, or with one elsewhere', () => {
    expect(returnPath('', origin)).toBe('/');
    for (const next of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', 'admin']) {
      expect(returnPath(`?next=${encodeURIComponent(next)}`, origin)).toBe('/');
    }
  });
});
