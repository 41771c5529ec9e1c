import { AUTH_PATHS } from '@sss/contracts';
import { hash as argon2Hash, argon2id } from 'argon2';
import {
  OIDC_FLOW_COOKIE,
  OIDC_FLOW_TTL_MS,
  OidcFlowCookie,
} from '../../apps/dashboard/src/accounts/adapters/inbound/http/oidc-flow-cookie';
import { type BrowserAnswer, CookieBrowser } from '../support/cookie-browser';
import { DashboardProcess } from '../support/dashboard-process';
import { OidcProviderProcess, type ProviderAccounts } from '../support/oidc-provider-process';
import { freePort } from '../support/free-port';

const TEST_TIMEOUT_MS = 90_000;
const CLIENT = { clientId: 'sss-dashboard', clientSecret: 'oidc-client-secret-for-tests' };
const ACCOUNTS: ProviderAccounts = {
  alice: { preferred_username: 'alice', groups: ['staff', 'sss-admins'] },
  bob: { preferred_username: 'bob', groups: 'sss-viewers' },
  carol: { preferred_username: 'carol', groups: ['staff'] },
  dave: { preferred_username: 'dave', groups: ['sss-admins'] },
  // Claims the name of the config file's admin, who signs in with a password.
  mallory: { preferred_username: 'root', groups: ['sss-admins'] },
};

function oidcConfig(issuer: string): Record<string, unknown> {
  return {
    issuer,
    clientId: CLIENT.clientId,
    roleClaim: 'groups',
    adminValues: ['sss-admins'],
    viewerValues: ['sss-viewers'],
    displayName: 'Test IdP',
  };
}

describe('OpenID Connect login against a real provider', () => {
  jest.setTimeout(TEST_TIMEOUT_MS);
  let provider: OidcProviderProcess;
  let dashboard: DashboardProcess;

  beforeAll(async () => {
    provider = await OidcProviderProcess.start();
    const passwordHash = await argon2Hash('configured password', { type: argon2id });
    dashboard = await DashboardProcess.start({
      servers: [],
      config: { admin: { username: 'root', passwordHash }, oidc: oidcConfig(provider.issuer) },
      env: { SSS_OIDC_CLIENT_SECRET: CLIENT.clientSecret },
    });
    await provider.configure({ ...CLIENT, redirectUri: dashboard.url(AUTH_PATHS.oidcCallback, 'http') }, ACCOUNTS);
  });
  afterAll(async () => {
    await dashboard?.stop();
    await provider?.stop();
  });

  const dashboardUrl = (path: string, of = dashboard) => new URL(of.url(path, 'http'));

  /**
   * Starts a login at the dashboard and goes through the provider's login
   * and consent forms as `login`; stops at the redirect back to the dashboard,
   * whose callback URL it returns (not yet requested).
   */
  async function throughProvider(browser: CookieBrowser, login: string, of = dashboard): Promise<URL> {
    const start = await browser.get(dashboardUrl(AUTH_PATHS.oidcLogin, of));
    expect(start.status).toBe(302);
    let answer = await browser.get(new URL(start.headers.get('location')!));
    for (let step = 0; step < 20; step++) {
      if (answer.status >= 300 && answer.status < 400) {
        const next = new URL(answer.headers.get('location')!, answer.url);
        if (next.origin === dashboardUrl('/', of).origin) return next;
        answer = await browser.get(next);
      } else if (answer.status === 200 && answer.url.pathname.startsWith('/interaction/')) {
        const prompt = /name="prompt" value="(\w+)"/.exec(answer.body)![1];
        answer = await browser.postForm(answer.url, prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
      } else {
        throw new Error(`unexpected ${answer.status} from ${answer.url.href}: ${answer.body}`);
      }
    }
    throw new Error('the provider never redirected back');
  }

  async function me(browser: CookieBrowser): Promise<{ status: number; json: unknown }> {
    const res = await browser.get(dashboardUrl(AUTH_PATHS.me));
    return { status: res.status, json: res.status === 200 ? JSON.parse(res.body) : res.body };
  }

  async function signIn(login: string): Promise<{ browser: CookieBrowser; callback: Awaited<ReturnType<CookieBrowser['get']>> }> {
    const browser = new CookieBrowser();
    const callback = await browser.get(await throughProvider(browser, login));
    return { browser, callback };
  }

  it('tells the console that OIDC login is configured, and its button text', async () => {
    const res = await fetch(dashboard.url(AUTH_PATHS.oidc, 'http'));
    expect(await res.json()).toEqual({ enabled: true, displayName: 'Test IdP' });
  });

  it('redirects to the provider with code, PKCE, state and nonce, keeping them in a Lax cookie for the callback only', async () => {
    const start = await new CookieBrowser().get(dashboardUrl(AUTH_PATHS.oidcLogin));
    const location = new URL(start.headers.get('location')!);
    expect(location.origin).toBe(provider.issuer);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      client_id: CLIENT.clientId,
      response_type: 'code',
      scope: 'openid profile email',
      redirect_uri: dashboard.url(AUTH_PATHS.oidcCallback, 'http'),
      code_challenge_method: 'S256',
    });
    expect(location.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(location.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
    expect(location.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(start.headers.get('set-cookie')).toMatch(
      /^sss_oidc=[\w-]+; Max-Age=600; Path=\/api\/auth\/oidc\/callback; Expires=.+; HttpOnly; SameSite=Lax$/,
    );
  });

  it('signs in a user whose groups claim holds an admin value as admin, with the normal session cookie', async () => {
    const { browser, callback } = await signIn('alice');
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/');
    expect(callback.headers.getSetCookie().find((c) => c.startsWith('sss_session='))).toMatch(
      /^sss_session=[\w-]{43}; Max-Age=\d+; Path=\/; Expires=.+; HttpOnly; SameSite=Strict$/,
    );
    expect(await me(browser)).toEqual({ status: 200, json: { username: 'alice', role: 'admin' } });
    const audit = JSON.parse((await browser.get(dashboardUrl('/api/admin/audit'))).body) as { entries: Record<string, unknown>[] };
    expect(audit.entries).toContainEqual(expect.objectContaining({ actor: 'alice', action: 'auth.login', detail: 'oidc, admin' }));
  });

  it('signs in a user whose (string) claim holds a viewer value as viewer', async () => {
    const { browser, callback } = await signIn('bob');
    expect(callback.status).toBe(302);
    expect(await me(browser)).toEqual({ status: 200, json: { username: 'bob', role: 'viewer' } });
  });

  it('refuses a user with no mapped role with 403 and a clear reason, and starts no session', async () => {
    const { browser, callback } = await signIn('carol');
    expect(callback.status).toBe(403);
    expect(callback.body).toContain('carol has no role on this dashboard: the claim groups holds none of the values');
    expect(callback.headers.getSetCookie().some((c) => c.startsWith('sss_session='))).toBe(false);
    expect((await me(browser)).status).toBe(401);
  });

  it('sets the role anew on every login', async () => {
    const first = await signIn('dave');
    expect((await me(first.browser)).json).toEqual({ username: 'dave', role: 'admin' });
    await provider.setAccounts({ ...ACCOUNTS, dave: { preferred_username: 'dave', groups: ['sss-viewers'] } });
    const second = await signIn('dave');
    expect((await me(second.browser)).json).toEqual({ username: 'dave', role: 'viewer' });
    // The role belongs to the user, so the earlier session is a viewer's now too.
    expect((await me(first.browser)).json).toEqual({ username: 'dave', role: 'viewer' });
    await provider.setAccounts(ACCOUNTS);
  });

  it('does not let a provider user take over a local user of the same name', async () => {
    const { browser, callback } = await signIn('mallory');
    expect(callback.status).toBe(403);
    expect(callback.body).toContain('root is a local user of this dashboard, who signs in with a password');
    expect((await me(browser)).status).toBe(401);
  });

  it('refuses a callback whose state is not the one this browser began with (CSRF)', async () => {
    const browser = new CookieBrowser();
    const callbackUrl = await throughProvider(browser, 'alice');
    callbackUrl.searchParams.set('state', 'forged-state-of-another-login');
    const answer = await browser.get(callbackUrl);
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('state mismatch');
    expect((await me(browser)).status).toBe(401);
  });

  it('refuses a callback without a login begun in this browser, and a replayed one', async () => {
    const browser = new CookieBrowser();
    const callbackUrl = await throughProvider(browser, 'alice');
    const flowCookie = browser.cookies(callbackUrl).get('sss_oidc')!;
    expect((await new CookieBrowser().get(callbackUrl)).body).toContain('No sign-in is in progress in this browser');
    expect((await browser.get(callbackUrl)).status).toBe(302);

    // The same callback again: its cookie is gone, and with the cookie put back the provider refuses the used code.
    const again = await browser.get(callbackUrl);
    expect(again.status).toBe(400);
    expect(again.body).toContain('No sign-in is in progress in this browser');
    const replay = new CookieBrowser();
    replay.cookies(callbackUrl).set('sss_oidc', flowCookie);
    const replayed = await replay.get(callbackUrl);
    expect(replayed.status).toBe(400);
    expect(replayed.body).toContain('the provider refused the sign-in: invalid_grant');
    expect((await me(replay)).status).toBe(401);
  });

  /** A callback that failed: no session cookie set, none working, and nothing of the login in the dashboard's log. */
  async function expectNoSession(browser: CookieBrowser, callbackUrl: URL, callback: BrowserAnswer, logs: string): Promise<void> {
    expect(callback.headers.getSetCookie().some((c) => c.startsWith('sss_session='))).toBe(false);
    expect((await browser.get(new URL(AUTH_PATHS.me, callbackUrl))).status).toBe(401);
    for (const secret of [callbackUrl.searchParams.get('code')!, callbackUrl.searchParams.get('state')!, CLIENT.clientSecret]) {
      expect(logs).not.toContain(secret);
    }
  }

  it('answers 502 with the reason when the provider fails at the code exchange (5xx), and starts no session', async () => {
    const failures = [
      // A proxy in front of a provider that is down, and the provider's own failure in OAuth's error shape.
      { answer: { status: 503, contentType: 'text/html', body: '<h1>Service Unavailable</h1>' }, reason: 'HTTP 503' },
      {
        answer: { status: 500, contentType: 'application/json', body: '{"error":"server_error","error_description":"database down"}' },
        reason: 'HTTP 500',
      },
    ];
    for (const { answer, reason } of failures) {
      const browser = new CookieBrowser();
      const callbackUrl = await throughProvider(browser, 'alice');
      await provider.setTokenAnswer(answer);
      try {
        const callback = await browser.get(callbackUrl);
        expect({ status: callback.status, type: callback.headers.get('content-type') }).toEqual({
          status: 502,
          type: 'text/html; charset=utf-8',
        });
        expect(callback.body).toContain(`the provider ${provider.issuer} failed: ${reason}.`);
        await expectNoSession(browser, callbackUrl, callback, dashboard.logs);
      } finally {
        await provider.setTokenAnswer(null);
      }
    }
  });

  it('answers 502 with the reason when the provider is gone by the callback, and starts no session', async () => {
    const gone = await OidcProviderProcess.start();
    const other = await DashboardProcess.start({
      servers: [],
      config: { oidc: oidcConfig(gone.issuer) },
      env: { SSS_OIDC_CLIENT_SECRET: CLIENT.clientSecret },
    });
    try {
      await gone.configure({ ...CLIENT, redirectUri: other.url(AUTH_PATHS.oidcCallback, 'http') }, ACCOUNTS);
      const browser = new CookieBrowser();
      const callbackUrl = await throughProvider(browser, 'alice', other);
      await gone.stop();
      const callback = await browser.get(callbackUrl);
      expect(callback.status).toBe(502);
      expect(callback.body).toContain(`the provider ${gone.issuer} cannot be reached: ECONNREFUSED.`);
      await expectNoSession(browser, callbackUrl, callback, other.logs);
      // The operator hears of it too, not only the user.
      await other.waitForLog(/WARN.*OpenID Connect provider unavailable.*ECONNREFUSED/);
    } finally {
      await other.stop();
      await gone.stop();
    }
  });

  it('refuses a callback more than 10 minutes after its login began, and starts no session', async () => {
    // The seam: the flow cookie is sealed with a key from the client secret, which this test configured. Opened,
    // it says when the login began; sealed again with an earlier start, it is a login begun 10 minutes and 1 ms ago.
    const cookie = new OidcFlowCookie(CLIENT.clientSecret);
    const browser = new CookieBrowser();
    const began = Date.now();
    const callbackUrl = await throughProvider(browser, 'alice');
    const sealed = browser.cookies(callbackUrl).get(OIDC_FLOW_COOKIE)!;
    const flow = cookie.open(sealed)!;
    expect(flow.expiresAt - OIDC_FLOW_TTL_MS).toBeGreaterThanOrEqual(began);
    expect(flow.expiresAt - OIDC_FLOW_TTL_MS).toBeLessThanOrEqual(Date.now());

    browser.cookies(callbackUrl).set(OIDC_FLOW_COOKIE, cookie.seal({ ...flow, expiresAt: Date.now() - 1 }));
    const late = await browser.get(callbackUrl);
    expect(late.status).toBe(400);
    expect(late.body).toContain('This sign-in took longer than 10 minutes.');
    await expectNoSession(browser, callbackUrl, late, dashboard.logs);

    // The same login with the cookie as the dashboard sealed it signs in: its age was all that was wrong.
    browser.cookies(callbackUrl).set(OIDC_FLOW_COOKIE, sealed);
    expect((await browser.get(callbackUrl)).status).toBe(302);
    expect(await me(browser)).toEqual({ status: 200, json: { username: 'alice', role: 'admin' } });
  });

  it('answers 503 with the reason when the provider cannot be reached', async () => {
    const closedPort = await freePort();
    const orphan = await DashboardProcess.start({
      servers: [],
      config: { oidc: { ...oidcConfig(`http://127.0.0.1:${closedPort}`), clientSecret: 'x' } },
    });
    try {
      const answer = await new CookieBrowser().get(new URL(orphan.url(AUTH_PATHS.oidcLogin, 'http')));
      expect(answer.status).toBe(503);
      expect(answer.body).toContain(
        `Sign-in is unavailable for now: the provider http://127.0.0.1:${closedPort} cannot be reached: ECONNREFUSED`,
      );
    } finally {
      await orphan.stop();
    }
  });
});
