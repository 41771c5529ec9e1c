import { REPORT_PATH } from '@sss/contracts';
import { argon2id, hash as argon2Hash } from 'argon2';
import { DashboardProcess } from '../support/dashboard-process';
import { collectProblems, launchBrowser, screenshot } from './browser';
import { FakeAgent } from './fake-agent';

describe('the console on a private board (board.public: false)', () => {
  let dashboard: DashboardProcess;
  let agent: FakeAgent;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    const passwordHash = await argon2Hash('console password', { type: argon2id });
    dashboard = await DashboardProcess.start({
      servers: [{ id: 'web-1', secret: 'secret-web-1', name: 'Web Tokyo' }],
      config: { admin: { passwordHash }, board: { public: false } },
    });
    agent = FakeAgent.for(dashboard.url(REPORT_PATH), 'secret-web-1', { serverId: 'web-1' }).start();
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    agent?.stop();
    await browser?.close();
    await dashboard?.stop();
  });

  it('shows the login page, says why a login failed, and shows the board once logged in', async () => {
    const page = await browser.context.newPage();
    const problems = collectProblems(page);
    await page.goto(dashboard.url('/', 'http'));
    await page.waitForURL(/\/login$/);
    await expect(page.getByText('Web Tokyo').count()).resolves.toBe(0);

    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong username or password.' }).waitFor();

    await page.getByLabel('Password').fill('console password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByText('Web Tokyo').first().waitFor();
    await screenshot(page, 'private-board-after-login');
    // The failed login's 401 is the only error the page saw.
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
  }, 60_000);
});
