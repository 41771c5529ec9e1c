import { exampleServerInfo, exampleServerInfoV11, FRONTEND_PATH, REPORT_PATH } from '@sss/contracts';
import { argon2id, hash as argon2Hash } from 'argon2';
import type { Page } from 'playwright-core';
import type WebSocket from 'ws';
import { DashboardProcess } from '../support/dashboard-process';
import { agentSocket, FrontendClient, opened } from '../support/ws-clients';
import { collectProblems, launchBrowser, screenshot } from './browser';

const PASSWORD = 'connections admin password';

/** An agent connected as `id` that sent `frames`. */
async function agent(dashboard: DashboardProcess, id: string, frames: unknown[]): Promise<WebSocket> {
  const ws = agentSocket(dashboard.url(REPORT_PATH), id, `secret of ${id}`);
  await opened(ws);
  for (const frame of frames) ws.send(JSON.stringify(frame));
  return ws;
}

/** The count the tab shows of browsers watching the board. */
async function frontendCount(page: Page): Promise<number> {
  const text = await page.getByText(/^Browsers watching the board: \d+$/).textContent();
  return Number(/\d+$/.exec(text!)![0]);
}

describe('the live connections tab (/admin/connections) in a real browser', () => {
  let dashboard: DashboardProcess;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    const passwordHash = await argon2Hash(PASSWORD, { type: argon2id });
    dashboard = await DashboardProcess.start({
      servers: [
        { id: 'good-1', secret: 'secret of good-1', name: 'Good One' },
        { id: 'bad-1', secret: 'secret of bad-1' },
      ],
      config: { admin: { username: 'root', passwordHash } },
    });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await dashboard?.stop();
  });

  it('lists each connected agent with its address, reports, version and last refused frame, the board count, and follows changes by itself', async () => {
    const page = await browser.context.newPage();
    const problems = collectProblems(page);
    await page.goto(dashboard.url('/admin/connections', 'http'));
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/admin/connections');
    await page.getByLabel('Username').fill('root');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/connections');
    await page.getByText('No agent is connected.').waitFor();
    await expect(page.getByRole('link', { name: 'Connections' }).getAttribute('aria-current')).resolves.toBe('page');

    // Agents that connect while the tab is open appear without a reload.
    const good = await agent(dashboard, 'good-1', [
      exampleServerInfoV11({ serverId: 'good-1', agentVersion: '7.1.0' }),
      exampleServerInfo({ serverId: 'good-1' }),
    ]);
    const bad = await agent(dashboard, 'bad-1', [
      exampleServerInfo({ serverId: 'bad-1' }),
      { ...exampleServerInfo({ serverId: 'bad-1' }), memory: { total: 1, used: 1, available: 0, usedPercent: 250 } },
    ]);
    const goodRow = page.locator('tr[data-server="good-1"]');
    const badRow = page.locator('tr[data-server="bad-1"]');
    await goodRow.getByRole('cell', { name: '2', exact: true }).waitFor({ timeout: 20_000 });
    await badRow.getByText('usedPercent').waitFor({ timeout: 20_000 });

    const cells = async (row: typeof goodRow) => (await row.locator('th, td').allInnerTexts()).map((t) => t.trim());
    const [server, address, since, reports, lastError, version] = await cells(goodRow);
    expect([server, address, reports, lastError, version]).toEqual(['good-1 (Good One)', '127.0.0.1', '2', '–', '7.1.0']);
    expect(since).not.toBe('');
    const badCells = await cells(badRow);
    expect(badCells[0]).toBe('bad-1');
    expect(badCells[3]).toBe('1');
    expect(badCells[4]).toMatch(/^memory\.usedPercent: must not be greater than 100 \(.+\)$/);
    expect(badCells[5]).toBe('–');

    // A browser on the board counts; so does one that goes.
    const before = await frontendCount(page);
    const frontend = await new FrontendClient(dashboard.url(FRONTEND_PATH)).open();
    await page.getByText(`Browsers watching the board: ${before + 1}`, { exact: true }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'admin-connections');
    frontend.close();
    await page.getByText(`Browsers watching the board: ${before}`, { exact: true }).waitFor({ timeout: 20_000 });

    // A disconnected agent leaves the table; the other stays.
    good.close();
    await goodRow.waitFor({ state: 'detached', timeout: 20_000 });
    await expect(badRow.count()).resolves.toBe(1);
    bad.close();
    await page.getByText('No agent is connected.').waitFor({ timeout: 20_000 });

    // The only error the page saw: /admin asking who is logged in before the login.
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
    await page.close();
  }, 120_000);
});
