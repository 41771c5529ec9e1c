import { ADMIN_SERVERS_PATH, CloseCode, exampleServerInfo, REPORT_PATH, SERVERS_API_PATH } from '@sss/contracts';
import { argon2id, hash as argon2Hash } from 'argon2';
import type { Page } from 'playwright-core';
import type WebSocket from 'ws';
import { DashboardProcess } from '../support/dashboard-process';
import { agentSocket, opened, withTimeout, type Closed } from '../support/ws-clients';
import { collectProblems, launchBrowser, screenshot } from './browser';

const PASSWORD = 'console admin password';

/** The secret the page shows once, and its two install commands, as the admin would copy them. */
async function shownSecret(page: Page): Promise<{ secret: string; systemd: string; container: string }> {
  const dialog = page.getByRole('dialog');
  await dialog.getByText('Shown only now').waitFor();
  const text = (what: string) => dialog.locator(`[data-copy="${what}"] code`).innerText();
  return { secret: await text('secret'), systemd: await text('systemd'), container: await text('container') };
}

/** An agent socket that authenticated with `secret` and sent one report. */
async function reportingAgent(dashboard: DashboardProcess, id: string, secret: string, name: string): Promise<WebSocket> {
  const ws = agentSocket(dashboard.url(REPORT_PATH), id, secret);
  await opened(ws);
  ws.send(JSON.stringify(exampleServerInfo({ serverId: id, serverName: name })));
  return ws;
}

/** How `ws` closes, listened for from now (the close may come before the test awaits it). */
function closing(ws: WebSocket): Promise<Closed> {
  const close = new Promise<Closed>((res) => ws.once('close', (code, reason) => res({ code, reason: reason.toString() })));
  return withTimeout(close, 30_000, 'the agent closed');
}

/** The ids of the table's rows, top to bottom. */
function rowIds(page: Page): Promise<string[]> {
  return page.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-server') ?? ''));
}

/** What `attribute` says on each of `selector`'s elements, top to bottom. */
function attributes(page: Page, selector: string, attribute: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((all, name) => all.map((e) => e.getAttribute(name) ?? ''), attribute);
}

/** Adds a stored server through the API, as the page's own session (same origin, its cookie); the answer is read whole. */
function addServer(page: Page, server: { serverId: string; group: string; weight: number }): Promise<number> {
  return page.evaluate(
    async ({ path, body }) => {
      const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      await res.text();
      return res.status;
    },
    { path: ADMIN_SERVERS_PATH, body: server },
  );
}

describe('server management in the console (/admin/servers)', () => {
  let dashboard: DashboardProcess;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    const passwordHash = await argon2Hash(PASSWORD, { type: argon2id });
    dashboard = await DashboardProcess.start({
      servers: [{ id: 'cfg-1', secret: 'config secret 1', name: 'Config One' }],
      config: { admin: { username: 'root', passwordHash } },
    });
    browser = await launchBrowser();
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: dashboard.url('', 'http') });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await dashboard?.stop();
  });

  it('adds a server whose agent then reports, edits, orders, rotates its secret and deletes it, all from the page', async () => {
    const page = await browser.context.newPage();
    const problems = collectProblems(page);

    // Signed out: the login page, which comes back here; the list was never shown.
    await page.goto(dashboard.url('/admin/servers', 'http'));
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByLabel('Username').fill('root');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/servers');
    // A tab of the admin area: its tabs, this one current; the heading and the way back are the area's.
    await expect(page.getByRole('link', { name: 'Servers' }).getAttribute('aria-current')).resolves.toBe('page');
    await expect(page.getByRole('heading', { level: 1 }).allTextContents()).resolves.toEqual(['Administration']);
    await expect(page.getByRole('link', { name: 'Back to the board' }).count()).resolves.toBe(1);

    // The config file's server is listed read-only: no buttons.
    const cfgRow = page.locator('tr[data-server="cfg-1"]');
    await cfgRow.getByText('Config file (read-only)').waitFor();
    await expect(cfgRow.getByRole('button').count()).resolves.toBe(0);

    // A taken id: the API's words in the dialog, and what was typed stays.
    await page.getByRole('button', { name: 'Add server' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('ID', { exact: true }).fill('cfg-1');
    await dialog.getByRole('button', { name: 'Add server' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'The dashboard answered:' }).filter({ hasText: 'cfg-1' }).waitFor();
    await expect(dialog.getByLabel('ID', { exact: true }).inputValue()).resolves.toBe('cfg-1');

    // Added: the secret and both install commands, once, with copy buttons.
    await dialog.getByLabel('ID', { exact: true }).fill('web-9');
    await dialog.getByLabel('Name', { exact: true }).fill('Web Nine');
    await dialog.getByLabel('Country', { exact: true }).fill('de');
    await dialog.getByLabel('Tags', { exact: true }).fill('edge, db');
    await dialog.getByLabel('Count traffic in billing periods').check();
    await dialog.getByLabel('Period starts on day').fill('15');
    await dialog.getByLabel('Quota', { exact: true }).fill('1');
    await dialog.getByLabel('Quota unit').selectOption('TB');
    await dialog.getByRole('button', { name: 'Add server' }).click();
    await dialog.getByRole('heading', { name: 'web-9 added' }).waitFor();
    const added = await shownSecret(page);
    expect(added.secret).toMatch(/^[\w-]{32}$/);
    expect(added.systemd).toContain(added.secret);
    expect(added.container).toContain(added.secret);
    expect(added.systemd).toContain(dashboard.url(REPORT_PATH));
    await screenshot(page, 'admin-servers-secret');
    await dialog.locator('[data-copy="secret"]').getByRole('button', { name: 'Copy' }).click();
    await dialog.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(added.secret);
    await dialog.getByRole('button', { name: 'Close' }).click();
    const row = page.locator('tr[data-server="web-9"]');
    await row.getByText('Web Nine').waitFor();
    await expect(row.innerText()).resolves.toMatch(/DE[\s\S]*edge, db/);
    // Closed, the secret is nowhere on the page any more.
    await expect(page.content()).resolves.not.toContain(added.secret);

    // The secret read from the page admits a real agent; the server appears on the board.
    const agent = await reportingAgent(dashboard, 'web-9', added.secret, 'web-9');
    const board = await browser.context.newPage();
    await board.goto(dashboard.url('/', 'http'));
    await board.getByRole('link', { name: 'Details of Web Nine' }).waitFor();
    await board.close();

    // Edit: a cleared field is removed.
    await row.getByRole('button', { name: 'Edit' }).click();
    dialog = page.getByRole('dialog');
    await expect(dialog.getByLabel('Quota', { exact: true }).inputValue()).resolves.toBe('1');
    await dialog.getByLabel('Name', { exact: true }).fill('Web Nine edited');
    await dialog.getByLabel('Country', { exact: true }).fill('');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'web-9 saved.' }).waitFor();
    await row.getByText('Web Nine edited').waitFor();
    await expect(row.getByText('DE', { exact: true }).count()).resolves.toBe(0);

    // Order: a second server moved above the first, kept across a reload.
    await page.getByRole('button', { name: 'Add server' }).click();
    await page.getByRole('dialog').getByLabel('ID', { exact: true }).fill('web-10');
    await page.getByRole('dialog').getByRole('button', { name: 'Add server' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await expect(rowIds(page)).resolves.toEqual(['cfg-1', 'web-9', 'web-10']);
    await expect(page.getByRole('button', { name: 'Move web-9 up' }).isDisabled()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Move web-10 up' }).click();
    // The table shows the stored answer; the button is disabled from then on (it may be already while the move is saved).
    await page.locator('tbody tr:nth-child(2)[data-server="web-10"]').waitFor();
    await expect(page.getByRole('button', { name: 'Move web-10 up' }).isDisabled()).resolves.toBe(true);
    await expect(rowIds(page)).resolves.toEqual(['cfg-1', 'web-10', 'web-9']);
    await page.reload();
    await page.locator('tr[data-server="web-9"]').waitFor();
    await expect(rowIds(page)).resolves.toEqual(['cfg-1', 'web-10', 'web-9']);

    // Rotate, after a confirmation: the agent on the old secret is closed, the new one is shown once.
    const agentClosed = closing(agent);
    await row.getByRole('button', { name: 'New secret' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Give web-9 a new secret?' }).waitFor();
    await dialog.getByRole('button', { name: 'Make a new secret' }).click();
    await dialog.getByRole('heading', { name: 'New secret for web-9' }).waitFor();
    const rotated = await shownSecret(page);
    expect(rotated.secret).not.toBe(added.secret);
    expect(await agentClosed).toEqual({ code: CloseCode.POLICY_VIOLATION, reason: 'credentials revoked' });
    const freshClosed = closing(await reportingAgent(dashboard, 'web-9', rotated.secret, 'web-9'));
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Delete needs a choice of what happens to the history; purge closes the agent and forgets the server.
    await row.getByRole('button', { name: 'Delete' }).click();
    dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('button', { name: 'Delete server' }).isDisabled()).resolves.toBe(true);
    await dialog.getByLabel('Delete its history and traffic too').check();
    await dialog.getByRole('button', { name: 'Delete server' }).click();
    await page.getByRole('status').filter({ hasText: 'web-9 deleted.' }).waitFor();
    await expect(rowIds(page)).resolves.toEqual(['cfg-1', 'web-10']);
    expect((await freshClosed).code).toBe(CloseCode.POLICY_VIOLATION);
    expect((await fetch(dashboard.url(`${SERVERS_API_PATH}/web-9`, 'http'))).status).toBe(404);

    await screenshot(page, 'admin-servers-list');
    // The only errors the page saw: who is signed in, asked while signed out, and the taken id.
    expect(problems).toEqual([
      'console: Failed to load resource: the server responded with a status of 401 (Unauthorized)',
      'console: Failed to load resource: the server responded with a status of 409 (Conflict)',
    ]);
  }, 120_000);

  it('orders the groups with the arrows; the board shows them in that order, the others after by name, servers by weight', async () => {
    const page = await browser.context.newPage();
    const problems = collectProblems(page);
    await page.goto(dashboard.url('/admin/servers', 'http'));
    await page.locator('tr[data-server="cfg-1"]').waitFor();
    for (const server of [
      { serverId: 'db-1', group: 'db', weight: 0 },
      { serverId: 'edge-b', group: 'edge', weight: 0 },
      { serverId: 'edge-a', group: 'edge', weight: 10 },
      { serverId: 'lab-1', group: 'lab', weight: 0 },
    ]) {
      expect(await addServer(page, server)).toBe(201);
    }
    await page.reload();
    const groups = () => attributes(page, '.group-order li', 'data-group');
    await page.locator('.group-order li').first().waitFor();
    // Nothing stored yet: by name.
    await expect(groups()).resolves.toEqual(['db', 'edge', 'lab']);
    await expect(page.getByRole('button', { name: 'Move group db up' }).isDisabled()).resolves.toBe(true);
    // Each move is saved before the next: the list shows the stored answer, and the arrows are enabled again.
    await page.getByRole('button', { name: 'Move group lab up' }).click();
    await page.locator('.group-order li:nth-child(2)[data-group="lab"]').waitFor();
    await page.getByRole('button', { name: 'Move group lab up' }).and(page.locator(':enabled')).waitFor();
    await page.getByRole('button', { name: 'Move group lab up' }).click();
    await page.locator('.group-order li:first-child[data-group="lab"]').waitFor();
    await expect(page.getByRole('button', { name: 'Move group lab up' }).isDisabled()).resolves.toBe(true);
    await expect(groups()).resolves.toEqual(['lab', 'db', 'edge']);
    await page.reload();
    await page.locator('.group-order li').first().waitFor();
    await expect(groups()).resolves.toEqual(['lab', 'db', 'edge']);
    await screenshot(page, 'admin-servers-group-order');

    // The board, sorted by group (its default): lab, db, edge, then the ungrouped; inside edge by weight, not name.
    const board = await browser.context.newPage();
    await board.goto(dashboard.url('/', 'http'));
    await board.locator('section.group[data-group="edge"]').waitFor();
    const sections = await attributes(board, 'section.group', 'data-group');
    // Any group the other test's agent left (it reports as 'production') goes between, by name.
    expect(sections.slice(0, 3)).toEqual(['lab', 'db', 'edge']);
    expect(sections.at(-1)).toBe('');
    const edgeCards = await board
      .locator('section.group[data-group="edge"] a[href^="/servers/"]')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(edgeCards).toEqual(['/servers/edge-b', '/servers/edge-a']);
    await board.close();

    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
