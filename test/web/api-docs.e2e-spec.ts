import { API_PATHS } from '@sss/contracts';
import { DashboardProcess } from '../support/dashboard-process';
import { collectProblems, launchBrowser, screenshot } from './browser';

describe(`the OpenAPI UI at ${API_PATHS.docs} in a real browser`, () => {
  let dashboard: DashboardProcess;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    dashboard = await DashboardProcess.start({ servers: [{ id: 'web-1', secret: 's' }] });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await dashboard?.stop();
  });

  it('draws every operation of the document, from this server alone, under the page CSP, without an error', async () => {
    const page = await browser.context.newPage();
    const problems = collectProblems(page);
    const origins = new Set<string>();
    page.on('request', (req) => origins.add(new URL(req.url()).origin));
    await page.goto(dashboard.url(API_PATHS.docs, 'http'));
    const document = (await (await fetch(dashboard.url(API_PATHS.docsJson, 'http'))).json()) as { paths: Record<string, object> };
    const operations = Object.values(document.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
    await page
      .locator('.opblock')
      .nth(operations - 1)
      .waitFor({ timeout: 15_000 });
    expect(await page.locator('.opblock').count()).toBe(operations);
    await screenshot(page, 'api-docs');
    expect([...origins]).toEqual([dashboard.url('', 'http')]);
    expect(problems).toEqual([]);
  });
});
