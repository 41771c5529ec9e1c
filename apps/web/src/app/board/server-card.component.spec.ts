import { TestBed } from '@angular/core/testing';
import { Navigation } from '../core/navigation.service';
import type { ServerUpdate } from '@sss/contracts/constants';
import type { BoardServer } from './fleet-view';
import { ServerCardComponent } from './server-card.component';

const SERVER: ServerUpdate = {
  serverId: 'web-1',
  serverName: 'Web Tokyo',
  countryCode: 'JP',
  cpu: { percent: 93, cores: 8, modelName: 'x' },
  memory: { total: 100, used: 40, available: 60, usedPercent: 40 },
  disk: [{ path: '/', total: 100, used: 10, free: 90, usedPercent: 10, readSpeed: 0, writeSpeed: 0 }],
  network: { interfaceName: 'eth0', bytesSent: 0, bytesRecv: 0, inSpeed: 0, outSpeed: 0 },
  system: { hostname: 'web-1', os: 'linux', platform: 'debian', arch: 'amd64', kernel: '6', uptime: 60 },
  timestamp: 1,
  online: true,
  lastSeen: Date.now(),
};

/** What Chromium dispatches on a `content-visibility: auto` element when it starts or stops skipping it. */
class FakeSkipEvent extends Event {
  constructor(readonly skipped: boolean) {
    super('contentvisibilityautostatechange');
  }
}

function render(eager: boolean, server: BoardServer = SERVER) {
  const fixture = TestBed.createComponent(ServerCardComponent);
  fixture.componentRef.setInput('server', server);
  fixture.componentRef.setInput('eager', eager);
  fixture.detectChanges();
  const element = fixture.nativeElement as HTMLElement;
  return {
    element,
    meters: () => element.querySelectorAll('[role=meter]').length,
    uptime: (value: number | null | undefined) => {
      fixture.componentRef.setInput('uptime', value);
      fixture.detectChanges();
      return element.querySelector('.uptime')?.textContent?.trim();
    },
    browserSays: (skipped: boolean) => {
      element.dispatchEvent(new FakeSkipEvent(skipped));
      fixture.detectChanges();
    },
  };
}

describe('ServerCardComponent', () => {
  afterEach(() => delete (globalThis as { ContentVisibilityAutoStateChangeEvent?: unknown }).ContentVisibilityAutoStateChangeEvent);

  it('is built in full when the browser does not say when it skips cards', () => {
    const card = render(false);
    expect(card.meters()).toBe(3);
    expect(card.element.textContent).toContain('Web Tokyo');
  });

  describe('in a browser that says when it skips cards', () => {
    beforeEach(
      () => ((globalThis as { ContentVisibilityAutoStateChangeEvent?: unknown }).ContentVisibilityAutoStateChangeEvent = FakeSkipEvent),
    );

    it('holds only its link and status while skipped, and its details while shown', () => {
      const card = render(false);
      expect(card.meters()).toBe(0);
      expect(card.element.querySelector('a')?.getAttribute('href')).toBe('/servers/web-1');
      expect(card.element.querySelector('a')?.getAttribute('aria-label')).toContain('Web Tokyo');
      expect(card.element.textContent).toContain('Online');

      card.browserSays(false);
      expect(card.meters()).toBe(3);
      expect(card.element.querySelector('time')).not.toBeNull();
      card.browserSays(true);
      expect(card.meters()).toBe(0);
    });

    it('starts in full when eager, until the browser says otherwise', () => {
      const card = render(true);
      expect(card.meters()).toBe(3);
      card.browserSays(true);
      expect(card.meters()).toBe(0);
    });
  });

  it('opens the server in the app on a plain click, and leaves modified clicks to the browser', () => {
    const navigate = jest.spyOn(TestBed.inject(Navigation), 'navigate').mockImplementation(() => undefined);
    const link = render(false).element.querySelector('a')!;
    const click = (init: MouseEventInit) => {
      const event = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0, ...init });
      link.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(click({ ctrlKey: true })).toBe(false);
    expect(click({ button: 1 })).toBe(false);
    expect(navigate).not.toHaveBeenCalled();
    expect(click({})).toBe(true);
    expect(navigate).toHaveBeenCalledWith('/servers/web-1', false);
  });

  it('shows the 24 h uptime figure when there is one, and nothing when there is not', () => {
    const card = render(true);
    expect(card.uptime(undefined)).toBeUndefined();
    expect(card.uptime(null)).toBeUndefined();
    expect(card.uptime(99.97)).toBe('Uptime over the last 24 h99.9%'); // the label is for screen readers only
    expect(card.element.querySelector('.uptime')?.getAttribute('title')).toBe('Uptime over the last 24 h');
  });

  it('shows a configured server that never reported by name, as never reported, without values', () => {
    const card = render(true, { serverId: 'new-1', serverName: 'New One', online: false, lastSeen: null, unreported: true });
    expect(card.element.querySelector('a')?.getAttribute('href')).toBe('/servers/new-1');
    expect(card.element.querySelector('.status-badge')?.textContent).toBe('Never reported');
    expect(card.element.textContent).toContain('never reported');
    expect(card.meters()).toBe(0);
    expect(card.element.querySelector('.card')?.classList).toContain('unreported');
  });
});
