import { TestBed } from '@angular/core/testing';
import type { AdminServer } from '@sss/contracts/constants';
import { I18n } from '../../i18n/i18n.service';
import { AdminServersClient } from './admin-servers-client';
import { ApiRequestError } from './api-request-error';
import { ServersAdminComponent } from './servers-admin.component';

// The real API is exercised in test/web/server-management.e2e-spec.ts; these are the answers a test there cannot get
// from a dashboard yet (a viewer account needs the users API) or that would take a broken dashboard.
describe('ServersAdminComponent', () => {
  async function render(list: () => Promise<AdminServer[]>): Promise<HTMLElement> {
    TestBed.configureTestingModule({
      providers: [{ provide: AdminServersClient, useValue: { list, groupOrder: () => Promise.resolve({ groups: ['edge'] }) } }],
    });
    TestBed.inject(I18n).lang.set('en');
    const fixture = TestBed.createComponent(ServersAdminComponent);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('tells a signed-in viewer the page needs an admin, and shows no list', async () => {
    const page = await render(() => Promise.reject(new ApiRequestError(403, 'admin role required')));
    expect(page.querySelector('[role=alert]')?.textContent).toContain('Managing servers needs an admin account.');
    expect(page.querySelector('table')).toBeNull();
    expect(Array.from(page.querySelectorAll('button')).map((b) => b.textContent?.trim())).toEqual([]);
  });

  it("shows the API's message and each of its details when the list fails", async () => {
    const page = await render(() => Promise.reject(new ApiRequestError(503, 'storage unavailable', ['database is locked'])));
    const alert = page.querySelector('sss-api-problem');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain('The dashboard answered: storage unavailable');
    expect(Array.from(alert!.querySelectorAll('li')).map((li) => li.textContent)).toEqual(['database is locked']);
    expect(page.textContent).not.toContain('Loading servers');
  });

  it('marks config-file servers read-only, without buttons, and gives stored ones theirs', async () => {
    const page = await render(() =>
      Promise.resolve<AdminServer[]>([
        { serverId: 'cfg-1', source: 'config', tags: [], hidden: false, weight: 0 },
        { serverId: 'web-9', source: 'stored', via: 'admin', tags: ['edge'], hidden: true, weight: 0 },
      ]),
    );
    const buttons = (id: string) => Array.from(page.querySelectorAll(`tr[data-server="${id}"] button`)).map((b) => b.textContent?.trim());
    expect(page.querySelector('tr[data-server="cfg-1"]')?.textContent).toContain('Config file (read-only)');
    expect(buttons('cfg-1')).toEqual([]);
    expect(buttons('web-9')).toEqual(['↑', '↓', 'Edit', 'New secret', 'Delete']);
  });

  it('lists the groups in board order, the stored ones first, each with its arrows, the first not movable up, the last not down', async () => {
    const page = await render(() =>
      Promise.resolve<AdminServer[]>([
        { serverId: 'cfg-1', source: 'config', group: 'web', tags: [], hidden: false, weight: 0 },
        { serverId: 'web-9', source: 'stored', via: 'admin', group: 'db', tags: [], hidden: false, weight: 0 },
      ]),
    );
    const items = Array.from(page.querySelectorAll('.group-order li'));
    expect(items.map((li) => li.getAttribute('data-group'))).toEqual(['edge', 'db', 'web']);
    const arrows = items.map((li) => Array.from(li.querySelectorAll('button')).map((b) => [b.getAttribute('aria-label'), b.disabled]));
    expect(arrows[0]).toEqual([
      ['Move group edge up', true],
      ['Move group edge down', false],
    ]);
    expect(arrows[2]).toEqual([
      ['Move group web up', false],
      ['Move group web down', true],
    ]);
  });
});

describe('ApiRequestError.of', () => {
  const response = (status: number, statusText: string, body: string) => ({
    status,
    statusText,
    // Like Response.json: a body that is not JSON rejects.
    json: () => Promise.resolve(body).then((text) => JSON.parse(text) as unknown),
  });

  it("reads the API's error shape, and falls back to the status line for any other body", async () => {
    const body = JSON.stringify({ statusCode: 400, error: 'Bad Request', message: 'invalid body', details: ['a', 'b'] });
    const api = await ApiRequestError.of(response(400, 'Bad Request', body));
    expect([api.status, api.message, api.details]).toEqual([400, 'invalid body', ['a', 'b']]);
    const proxy = await ApiRequestError.of(response(502, 'Bad Gateway', '<html>Bad gateway</html>'));
    expect([proxy.status, proxy.message, proxy.details]).toEqual([502, 'HTTP 502 Bad Gateway', []]);
  });
});
