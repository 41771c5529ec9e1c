import { REPORT_PATH } from '@sss/contracts';
import { argon2id, hash as argon2Hash } from 'argon2';
import { DashboardProcess } from '../support/dashboard-process';
import { witnessIssuedSecret } from '../support/leak-witness';
import { agentSocket, closed, textOf } from '../support/ws-clients';
import { collectProblems, launchBrowser, screenshot } from './browser';

const MARKUP = '<img src=x onerror=alert(1)>';

/** Whether `key` enrolls `id` now: the one "enrolled" frame, or the close of a refusal. */
async function enrolls(dashboard: DashboardProcess, id: string, key: string): Promise<boolean> {
  const ws = agentSocket(dashboard.url(REPORT_PATH), id, key);
  const frames: string[] = [];
  ws.on('message', (data) => frames.push(textOf(data)));
  const frame = new Promise<void>((resolve) => ws.once('message', () => resolve()));
  const close = closed(ws, 10_000);
  await Promise.race([frame, close]);
  if (ws.readyState === ws.OPEN) ws.close();
  const { code } = await close;
  return frames.length === 1 && code !== 1008;
}

describe('the enrollment keys tab in a real browser', () => {
  let dashboard: DashboardProcess;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    const passwordHash = await argon2Hash('root console password', { type: argon2id });
    dashboard = await DashboardProcess.start({
      servers: [],
      config: {
        admin: { username: 'root', passwordHash },
        enrollment: { keys: [{ secret: 'configured-key-of-the-tab', idPattern: 'cfg-[0-9]+', group: 'from-config' }] },
      },
    });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await dashboard?.stop();
  });

  it('lists the config key read-only, makes a key whose secret and agent lines show once, revokes and deletes it', async () => {
    const page = await browser.context.newPage();
    const problems = collectProblems(page);
    const alerts: string[] = [];
    // Revoking and deleting ask first; any other dialog would be injected script.
    page.on('dialog', (dialog) => {
      if (dialog.type() === 'confirm') return void dialog.accept();
      alerts.push(dialog.message());
      return void dialog.dismiss();
    });
    await page.goto(dashboard.url('/admin/enrollment', 'http'));
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/admin/enrollment');
    await page.getByLabel('Username').fill('root');
    await page.getByLabel('Password').fill('root console password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/enrollment');
    await expect(page.getByRole('link', { name: 'Enrollment keys' }).getAttribute('aria-current')).resolves.toBe('page');

    const configured = page.getByRole('row').filter({ hasText: 'enrollment.keys[0]' });
    await configured.waitFor();
    await expect(configured.textContent()).resolves.toContain('config file (read-only)');
    await expect(configured.getByRole('button').count()).resolves.toBe(0);

    await page.getByLabel('Name').fill(MARKUP);
    await page.getByLabel('Id pattern').fill('tab-[0-9]+');
    await page.getByLabel('Group').fill('tab');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = (await page.locator('.created code.secret').textContent())!.trim();
    witnessIssuedSecret(secret);
    expect(secret).toMatch(/^[\w-]{32}$/);
    const lines = await page.locator('.created pre').allTextContents();
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toContain(secret);
    expect(lines[2]).toContain(`SSS_AGENT_SERVER=ws://127.0.0.1:${dashboard.port}${REPORT_PATH}`);
    const row = page.getByRole('row').filter({ hasText: MARKUP });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/tab-\[0-9\]\+.*tab.*never.*active.*added by root/);
    await screenshot(page, 'admin-enrollment');
    expect(await enrolls(dashboard, 'tab-1', secret)).toBe(true);

    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByRole('cell', { name: 'revoked', exact: true }).waitFor();
    await expect(row.getByRole('button', { name: 'Revoke' }).count()).resolves.toBe(0);
    expect(await enrolls(dashboard, 'tab-2', secret)).toBe(false);

    await row.getByRole('button', { name: 'Delete' }).click();
    await row.waitFor({ state: 'detached' });
    await expect(page.getByRole('row').count()).resolves.toBe(2); // the heading and the config key

    // Shown once: a fresh page lists the keys without it.
    await page.reload();
    await configured.waitFor();
    await expect(page.content()).resolves.not.toContain(secret);
    expect(alerts).toEqual([]);
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
    await page.close();
  }, 90_000);
});
