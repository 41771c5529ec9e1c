import { AUTH_PATHS, REPORT_PATH } from '@sss/contracts';
import { DashboardProcess } from '../support/dashboard-process';
import { OidcProviderProcess } from '../support/oidc-provider-process';
import { collectProblems, launchBrowser, screenshot } from './browser';
import { FakeAgent } from './fake-agent';

const CLIENT = { clientId: 'sss-dashboard', clientSecret: 'oidc-client-secret-for-browser-test' };

describe('OpenID Connect login in a real browser, across sites', () => {
  let provider: OidcProviderProcess;
  let dashboard: DashboardProcess;
  let agent: FakeAgent;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  // The provider is at 127.0.0.1 and the console at localhost: two sites, so the way back is a cross-site
  // navigation, as with a real provider (SameSite=Strict cookies would not be sent on it).
  const consoleUrl = (path: string) => `http://localhost:${dashboard.port}${path}`;

  beforeAll(async () => {
    provider = await OidcProviderProcess.start();
    dashboard = await DashboardProcess.start({
      servers: [{ id: 'web-1', secret: 'secret-web-1', name: 'Web Tokyo' }],
      config: {
        board: { public: false },
        oidc: { issuer: provider.issuer, clientId: CLIENT.clientId, roleClaim: 'groups', viewerValues: ['staff'], displayName: 'Test IdP' },
      },
      env: { SSS_OIDC_CLIENT_SECRET: CLIENT.clientSecret },
    });
    await provider.configure(
      { ...CLIENT, redirectUri: consoleUrl(AUTH_PATHS.oidcCallback) },
      { ann: { preferred_username: 'ann', groups: ['staff'] } },
    );
    agent = FakeAgent.for(dashboard.url(REPORT_PATH), 'secret-web-1', { serverId: 'web-1' }).start();
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    agent?.stop();
    await browser?.close();
    await dashboard?.stop();
    await provider?.stop();
  });

  it('signs in through the provider from the login page and shows the private board', async () => {
    const page = await browser.context.newPage();
    const problems = collectProblems(page);
    await page.goto(consoleUrl('/'));
    await page.waitForURL(/\/login$/);
    await page.getByRole('link', { name: 'Sign in with Test IdP' }).waitFor();
    // The console's own problems only: the provider's dev pages load web fonts this sandbox cannot reach.
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
    await page.getByRole('link', { name: 'Sign in with Test IdP' }).click();

    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.locator('input[name="login"]').fill('ann');
    await page.locator('input[name="password"]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.waitForURL((url) => url.origin === consoleUrl('') && url.pathname === '/');
    const back = problems.length;
    await page.getByText('Web Tokyo').first().waitFor();
    const me: unknown = await page.evaluate(async (path) => (await fetch(path)).json() as Promise<unknown>, AUTH_PATHS.me);
    expect(me).toEqual({ username: 'ann', role: 'viewer' });
    await screenshot(page, 'private-board-after-oidc-login');
    expect(problems.slice(back)).toEqual([]);
  }, 60_000);
});
