import { argon2id, hash as argon2Hash } from 'argon2';
import type { Page } from 'playwright-core';
import { DashboardProcess } from '../support/dashboard-process';
import { collectProblems, launchBrowser, screenshot } from './browser';

const MARKUP = '<img src=x onerror=alert(1)>';

describe('the admin area in a real browser', () => {
  let dashboard: DashboardProcess;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    const passwordHash = await argon2Hash('root console password', { type: argon2id });
    dashboard = await DashboardProcess.start({ servers: [], config: { admin: { username: 'root', passwordHash } } });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await dashboard?.stop();
  });

  /** Logs in through the login page that /admin sends an unauthenticated visitor to, and comes back to /admin. */
  async function logInThroughAdmin(page: Page, username: string, password: string): Promise<void> {
    await page.goto(dashboard.url('/admin/tokens', 'http'));
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/admin/tokens');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/tokens');
  }

  it('lets an admin manage users and API tokens and read the audit log, markup shown as text', async () => {
    const page = await browser.context.newPage();
    const problems = collectProblems(page);
    const alerts: string[] = [];
    // Removing and revoking ask first; any other dialog would be injected script.
    page.on('dialog', (dialog) => {
      if (dialog.type() === 'confirm') return void dialog.accept();
      alerts.push(dialog.message());
      return void dialog.dismiss();
    });
    await logInThroughAdmin(page, 'root', 'root console password');

    // API tokens: the secret is shown once, works at once, and is gone once revoked.
    await page.getByLabel('Name').fill(MARKUP);
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = (await page.locator('.created code').textContent())!.trim();
    expect(secret).toMatch(/^sss_[\w-]{43}$/);
    const row = page.getByRole('row').filter({ hasText: MARKUP });
    await row.waitFor();
    await expect(row.getByRole('cell').nth(1).textContent()).resolves.toBe('read');
    const scrape = () => fetch(dashboard.url('/metrics', 'http'), { headers: { authorization: `Bearer ${secret}` } });
    expect((await scrape()).status).toBe(200);
    await screenshot(page, 'admin-tokens');
    await row.getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('No API tokens yet.').waitFor();
    expect((await scrape()).status).toBe(401);

    // Users: add a viewer, make them an admin, and back.
    await page.getByRole('link', { name: 'Users' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/users');
    await page.getByLabel('Username').fill('vera');
    await page.locator('form select[name=role]').selectOption('viewer');
    await page.getByLabel('Initial password').fill('vera viewer password');
    await page.getByRole('button', { name: 'Add user' }).click();
    const vera = page.getByRole('row').filter({ hasText: 'vera' });
    await vera.waitFor();
    await expect(page.getByRole('row').filter({ hasText: 'root' }).textContent()).resolves.toContain('from the config file');
    // Each change disables the controls until the list is read again, so the second waits for the first.
    await page.getByLabel('Role vera').selectOption('admin');
    await page.getByLabel('Role vera').selectOption('viewer');
    await screenshot(page, 'admin-users');

    // The audit log holds all of it, newest first.
    await page.getByRole('link', { name: 'Audit log' }).click();
    const actions = page.locator('tbody tr td:nth-child(3)');
    await actions.first().waitFor();
    const listed = await actions.allTextContents();
    expect(listed.slice(0, 5)).toEqual(['user.role', 'user.role', 'user.add', 'token.revoke', 'token.create']);
    await expect(page.getByRole('cell', { name: MARKUP }).count()).resolves.toBe(2);
    await screenshot(page, 'admin-audit');

    expect(alerts).toEqual([]);
    // The only error the page saw: /admin asking who is logged in before the login.
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
    await page.close();
  }, 90_000);

  it('shows a viewer nothing of the admin area', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await logInThroughAdmin(page, 'vera', 'vera viewer password');
    await page.getByText('This area is for admins.').waitFor();
    await expect(page.locator('table, form, .tabs').count()).resolves.toBe(0);
    // Nor of the servers and connections tabs: the same notice, no list.
    for (const tab of ['servers', 'connections']) {
      await page.goto(dashboard.url(`/admin/${tab}`, 'http'));
      await page.getByText('This area is for admins.').waitFor();
      await expect(page.locator('table, form, .tabs, ol').count()).resolves.toBe(0);
    }
    await page.close();
  }, 60_000);
});
