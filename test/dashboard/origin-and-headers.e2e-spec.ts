import { FRONTEND_PATH, SERVERS_API_PATH } from '@sss/contracts';
import { DashboardProcess } from '../support/dashboard-process';
import { upgradeStatus } from '../support/ws-clients';

/** Cross-site WebSocket hijacking (PROTOCOL.md section 2) and the headers every response carries. */
describe('/ws-frontend Origin check and security headers', () => {
  let dashboard: DashboardProcess;
  const ALLOWED = 'https://status.example.com';

  beforeAll(async () => {
    dashboard = await DashboardProcess.start({ servers: [], config: { frontendAllowedOrigins: [ALLOWED] } });
  });
  afterAll(() => dashboard.stop());

  const frontend = (origin?: string) => upgradeStatus(dashboard.url(FRONTEND_PATH), origin === undefined ? {} : { origin });

  it('refuses a foreign Origin, null and look-alike hosts with 403, logged once per address and reason', async () => {
    const own = `http://127.0.0.1:${dashboard.port}`;
    for (const origin of [
      'http://evil.example',
      'null',
      `http://127.0.0.1.evil.example:${dashboard.port}`,
      `http://127.0.0.1:${dashboard.port + 1}`,
      `${own}.evil.example`,
      `https://status.example.com.evil.example`,
      'file://',
    ]) {
      expect([origin, await frontend(origin)]).toEqual([origin, 403]);
    }
    await dashboard.waitForLog(/WARN .*upgrade refused path="\/ws-frontend" remote="127\.0\.0\.1" status=403 reason="origin not allowed"/);
    expect(dashboard.countLog(/upgrade refused/)).toBe(1);
  });

  it("lets the dashboard's own origin, an allowed one and clients without Origin (scripts) in", async () => {
    expect(await frontend(`http://127.0.0.1:${dashboard.port}`)).toBe(101);
    expect(await frontend(`https://127.0.0.1:${dashboard.port}`)).toBe(101); // a TLS proxy in front: the Host is the same
    expect(await frontend(ALLOWED)).toBe(101);
    expect(await frontend(undefined)).toBe(101);
  });

  it('sends helmet security headers on API responses and no X-Powered-By', async () => {
    const res = await fetch(dashboard.url(SERVERS_API_PATH, 'http'));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'.*script-src 'self'.*frame-ancestors 'none'/);
    expect(res.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });
});
