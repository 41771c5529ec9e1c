import { TestBed } from '@angular/core/testing';
import { Navigation } from './navigation.service';

describe('Navigation', () => {
  const at = (url: string) => {
    history.replaceState(null, '', url);
    TestBed.resetTestingModule();
    return TestBed.inject(Navigation);
  };

  it('reads the board and a server page, with its range, from the address bar', () => {
    expect(at('/').page()).toEqual({ kind: 'board' });
    expect(at('/servers/web-1?range=7d').page()).toEqual({ kind: 'detail', id: 'web-1', range: '7d' });
    expect(at('/servers/db%201/').page()).toEqual({ kind: 'detail', id: 'db 1', range: undefined });
  });

  it('reads the admin area and its section', () => {
    expect(at('/admin').page()).toEqual({ kind: 'admin', section: undefined });
    expect(at('/admin/tokens/').page()).toEqual({ kind: 'admin', section: 'tokens' });
    expect(at('/admin/Tokens!').page()).toEqual({ kind: 'board' });
  });

  it('shows the board for an unknown address and puts "/" in the address bar', () => {
    expect(at('/nowhere/at/all').page()).toEqual({ kind: 'board' });
    expect(location.pathname).toBe('/');
  });

  it('follows navigate() and the back button', () => {
    const navigation = at('/');
    navigation.navigate('/servers/web-1');
    expect(navigation.page()).toEqual({ kind: 'detail', id: 'web-1', range: undefined });
    navigation.navigate('/servers/web-1?range=1y', true);
    expect(location.search).toBe('?range=1y');
    history.replaceState(null, '', '/');
    dispatchEvent(new PopStateEvent('popstate'));
    expect(navigation.page()).toEqual({ kind: 'board' });
  });

  it('leaves modified and middle clicks to the browser', () => {
    const navigation = at('/');
    const click = (init: MouseEventInit) => {
      const event = new MouseEvent('click', { cancelable: true, button: 0, ...init });
      navigation.follow(event, '/servers/web-2');
      return event.defaultPrevented;
    };
    expect(click({ shiftKey: true })).toBe(false);
    expect(click({ button: 1 })).toBe(false);
    expect(navigation.page()).toEqual({ kind: 'board' });
    expect(click({})).toBe(true);
    expect(navigation.page()).toEqual({ kind: 'detail', id: 'web-2', range: undefined });
  });
});
