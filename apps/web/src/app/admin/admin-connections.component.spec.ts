import { TestBed } from '@angular/core/testing';
import type { ConnectionsResponse } from '@sss/contracts/constants';
import { I18n } from '../i18n/i18n.service';
import { AdminConnectionsComponent, CONNECTIONS_REFRESH_MS } from './admin-connections.component';

// The real API and agents are in test/web/admin-connections.e2e-spec.ts; this is the timing a browser test could
// only show by waiting: asked again after each answer while shown, never once the tab is left.
describe('AdminConnectionsComponent', () => {
  const realFetch = globalThis.fetch;
  let answers: (ConnectionsResponse | Error)[];
  let requests: number;

  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    requests = 0;
    // What adminRequest reads of a response (jsdom has no Response).
    globalThis.fetch = (() => {
      const answer = answers[Math.min(requests++, answers.length - 1)];
      const failed = answer instanceof Error;
      const text = JSON.stringify(failed ? { message: answer.message } : answer);
      return Promise.resolve({ ok: !failed, status: failed ? 503 : 200, text: () => Promise.resolve(text) });
    }) as unknown as typeof fetch;
    TestBed.inject(I18n).lang.set('en');
  });

  afterEach(() => {
    globalThis.fetch = realFetch;
    TestBed.resetTestingModule();
    jest.useRealTimers();
  });

  it('asks again after each answer while shown, keeps the last list when a request fails, and stops when the tab is left', async () => {
    const agent = { serverId: 'web-1', remote: '10.0.0.7', connectedAt: 0, reports: 3 };
    answers = [{ agents: [agent], frontends: 2 }, new Error('storage unavailable'), { agents: [], frontends: 0 }];
    const fixture = TestBed.createComponent(AdminConnectionsComponent);
    const page = fixture.nativeElement as HTMLElement;
    const settle = async (ms: number) => {
      await jest.advanceTimersByTimeAsync(ms);
      fixture.detectChanges();
    };
    await settle(0);
    expect(page.querySelector('tr[data-server="web-1"]')?.textContent).toContain('10.0.0.7');
    expect(page.textContent).toContain('Browsers watching the board: 2');

    await settle(CONNECTIONS_REFRESH_MS - 1);
    expect(requests).toBe(1);
    await settle(1);
    expect(requests).toBe(2);
    expect(page.querySelector('[role=alert]')?.textContent).toContain('storage unavailable');
    expect(page.querySelector('tr[data-server="web-1"]')).not.toBeNull();

    await settle(CONNECTIONS_REFRESH_MS);
    expect(page.querySelector('tr[data-server="web-1"]')).toBeNull();
    expect(page.textContent).toContain('No agent is connected.');
    expect(page.querySelector('[role=alert]')?.textContent).toBe('');

    fixture.destroy();
    await jest.advanceTimersByTimeAsync(10 * CONNECTIONS_REFRESH_MS);
    expect(requests).toBe(3);
  });
});
