import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DashboardProcess, ROOT } from '../support/dashboard-process';

const SERVERS = [{ id: 'web-1', secret: 'secret-one' }];

describe('the dashboard serving the console', () => {
  let dashboard: DashboardProcess;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(dashboard.url(path, 'http'), { headers });

  beforeAll(async () => {
    dashboard = await DashboardProcess.start({ servers: SERVERS });
  });
  afterAll(async () => {
    await dashboard.stop();
  });

  it('serves index.html at / and at unknown page paths, never cached, with a CSP that allows its own WebSocket', async () => {
    for (const path of ['/', '/servers/web-1', '/servers/db.example.com']) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<sss-root>');
    }
    const res = await get('/');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'.*script-src 'self'.*connect-src 'self'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('serves hashed assets compressed and cached for a year', async () => {
    const script = readdirSync(join(ROOT, 'dist/apps/web/browser')).find((f) => /^main-[A-Z0-9]{8}\.js$/.test(f));
    const res = await get(`/${script}`, { 'accept-encoding': 'br, gzip' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-encoding')).toMatch(/^(br|gzip)$/);
  });

  it('leaves the API, the WebSocket paths and the probes to the dashboard, and 404s missing files', async () => {
    expect(await (await get('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await get('/readyz')).status).toBe(200);
    for (const path of ['/api/unknown', '/api', '/ws-frontend', '/ws-anything', '/main-STALEHSH.js', '/flags/zz.svg']) {
      const res = await get(path);
      expect({ path, status: res.status, html: res.headers.get('content-type')?.includes('text/html') }).toEqual({
        path,
        status: 404,
        html: false,
      });
    }
  });

  it('still starts without a console build, says so, and answers / with a short message', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'sss-no-web-'));
    const bare = await DashboardProcess.start({ servers: SERVERS, config: { webRoot: empty } });
    try {
      expect(bare.logs).toMatch(/console build not found.*npm run build:web/);
      const res = await fetch(bare.url('/', 'http'));
      expect(res.headers.get('content-type')).toContain('text/plain');
      expect(await res.text()).toContain('npm run build:web');
      expect((await fetch(bare.url('/healthz', 'http'))).status).toBe(200);
    } finally {
      await bare.stop();
    }
  });
});
