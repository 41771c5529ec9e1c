/// <reference lib="dom" /> // page.evaluate callbacks run in the browser
import { API_PATHS, type HistoryResponse, REPORT_PATH } from '@sss/contracts';
import type { Page } from 'playwright-core';
import { DashboardProcess } from '../support/dashboard-process';
import { sleep } from '../support/ws-clients';
import { collectProblems, launchBrowser, screenshot } from './browser';
import { FakeAgent } from './fake-agent';

const SERVERS = [
  { id: 'web-1', secret: 'secret-web-1', name: 'Web Tokyo', group: 'production', countryCode: 'JP' },
  { id: 'new-1', secret: 'secret-new-1', name: 'Fresh Box', group: 'production', countryCode: 'DE' },
];
/** The first chart line's colour (history-chart.component.ts), as the canvas holds it. */
const FIRST_LINE_RGB = [0x3b, 0x82, 0xf6];

describe('history in the console, from data written by real agents', () => {
  let dashboard: DashboardProcess;
  let agents: FakeAgent[];
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;

  beforeAll(async () => {
    dashboard = await DashboardProcess.start({ servers: SERVERS, config: { offlineAfterSeconds: 2 } });
    agents = [
      FakeAgent.for(dashboard.url(REPORT_PATH), 'secret-web-1', {
        serverId: 'web-1',
        cpu: { percent: 12.4, cores: 8, modelName: 'EPYC' },
        memory: { total: 16 * 2 ** 30, used: 12 * 2 ** 30, available: 4 * 2 ** 30, usedPercent: 75 },
      }).start(),
    ];
    browser = await launchBrowser();
    page = await browser.context.newPage();
  }, 60_000);

  afterAll(async () => {
    agents?.forEach((a) => a.stop());
    await browser?.close();
    await dashboard?.stop();
  });

  it('draws the charts of a server from its stored reports, with units, and appends its live reports', async () => {
    // Wait until storage holds a few of web-1's reports: the 1 h range reads raw reports in 5 s steps.
    await until(async () => {
      const history = await getJson<HistoryResponse>(dashboard.url(`${API_PATHS.history.replace(':id', 'web-1')}?metrics=cpu`, 'http'));
      return (history.series.find((s) => s.name === 'cpu')?.avg.filter((v) => v !== null).length ?? 0) >= 3;
    }, 45_000);

    const problems = collectProblems(page);
    await page.goto(dashboard.url('/servers/web-1', 'http'));
    for (const chart of ['cpu', 'memory', 'disk', 'diskio', 'network']) await page.locator(`figure[data-chart=${chart}] canvas`).waitFor();
    await expect(linePixels(page, 'cpu')).resolves.toBeGreaterThan(20); // the CPU line is on the canvas, not just axes

    // The legend gives the values under the cursor, with units.
    await hoverRightEdge(page, 'cpu');
    await expect(legendValues(page, 'cpu')).resolves.toContain('12.4%');
    await hoverRightEdge(page, 'memory');
    await expect(legendValues(page, 'memory')).resolves.toContain('12.0 GB');

    // A live report becomes the newest point while the page is open.
    agents[0].info.cpu.percent = 77;
    await until(async () => {
      await hoverRightEdge(page, 'cpu');
      return (await legendValues(page, 'cpu')).includes('77.0%');
    }, 15_000);

    // Uptime: online since it first reported.
    await expect(page.locator('[data-uptime="24h"] dd').innerText()).resolves.toBe('100%');
    await screenshot(page, 'detail-charts');

    // Another range, kept in the URL, drawn from the same data.
    await page.click('nav.ranges a:text("24 h")');
    await page.waitForURL('**/servers/web-1?range=24h');
    await page.locator('nav.ranges a.current:text("24 h")').waitFor();
    await page.locator('figure[data-chart=cpu] canvas').waitFor();
    await until(async () => (await linePixels(page, 'cpu')) > 0, 10_000);
    await page.reload();
    await page.locator('nav.ranges a.current:text("24 h")').waitFor();
    expect(problems).toEqual([]);
  }, 90_000);

  it('greys the values of an offline server, records the outage, and lists it with its cause', async () => {
    await page.goto(dashboard.url('/servers/web-1', 'http'));
    await page.locator('sss-server-detail .values').first().waitFor();
    expect(await page.locator('sss-server-detail .values.offline').count()).toBe(0);
    agents[0].reporting = false;
    await page.locator('sss-server-detail .values.offline').first().waitFor({ timeout: 15_000 });
    await page.locator('.outages li.ongoing').waitFor({ timeout: 15_000 });
    await expect(page.locator('.outages li.ongoing').innerText()).resolves.toMatch(/ongoing[\s\S]*stopped reporting/);
    agents[0].reporting = true;
    await page.locator('sss-server-detail .values:not(.offline)').first().waitFor({ timeout: 15_000 });
    await until(
      async () => (await page.locator('.outages li').count()) === 1 && (await page.locator('.outages li.ongoing').count()) === 0,
      15_000,
    );
    await expect(page.locator('.outages li').innerText()).resolves.toMatch(/\d+s[\s\S]*stopped reporting/);
  }, 60_000);

  it('shows a configured server that never reported on the board, until its first report', async () => {
    await page.goto(dashboard.url('/', 'http'));
    const card = page.locator('sss-server-card', { has: page.locator('a[href="/servers/new-1"]') });
    await card.waitFor();
    await expect(card.innerText()).resolves.toMatch(/Fresh Box[\s\S]*Never reported/);
    await expect(page.locator('[data-count=total]').innerText()).resolves.toBe('2');
    // web-1's card carries its 24 h uptime figure; new-1 has none.
    const web = page.locator('sss-server-card', { has: page.locator('a[href="/servers/web-1"]') });
    await expect(web.locator('.uptime').innerText()).resolves.toMatch(/^Uptime over the last 24 h\s*\d+(\.\d)?%$/); // the label for screen readers, then the figure
    expect(await card.locator('.uptime').count()).toBe(0);
    await screenshot(page, 'board-never-reported');

    // Its detail page says so too.
    await card.locator('a').click();
    await page.waitForURL('**/servers/new-1');
    await page.locator('sss-server-detail p:text("has never reported")').waitFor();
    await expect(page.locator('sss-server-detail .status-badge').innerText()).resolves.toBe('Never reported');

    // Its first report turns it into a live card.
    agents.push(FakeAgent.for(dashboard.url(REPORT_PATH), 'secret-new-1', { serverId: 'new-1', serverName: 'Fresh Box' }).start());
    await page.locator('sss-server-detail h1:text("Fresh Box")').waitFor();
    await page.locator('sss-server-detail .status-badge.online').waitFor({ timeout: 15_000 });
    await page.goto(dashboard.url('/', 'http'));
    await card.locator('.status-badge.online').waitFor({ timeout: 15_000 });
    expect(await page.locator('.status-badge.unreported').count()).toBe(0);
  }, 60_000);

  it('shows every server offline with its last values after the dashboard restarts', async () => {
    agents.forEach((a) => a.stop());
    await dashboard.stop();
    dashboard = await DashboardProcess.start({ servers: SERVERS, config: { offlineAfterSeconds: 2 }, dir: dashboard.dir });
    const problems = collectProblems(page);
    await page.goto(dashboard.url('/', 'http'));
    const web = page.locator('sss-server-card', { has: page.locator('a[href="/servers/web-1"]') });
    await web.locator('.status-badge:not(.online):not(.unreported)').waitFor({ timeout: 15_000 });
    await expect(web.innerText()).resolves.toMatch(/Web Tokyo[\s\S]*77(\.0)?\s?%/);
    await screenshot(page, 'board-after-restart');
    expect(problems).toEqual([]);
  }, 60_000);

  it('shows a not-found page for an id the dashboard does not know', async () => {
    await page.goto(dashboard.url('/servers/no-such-server', 'http'));
    await page.locator('.not-found[role=alert]').waitFor({ timeout: 10_000 });
    await expect(page.locator('.not-found').innerText()).resolves.toMatch(/Server not found[\s\S]*no server “no-such-server”/);
    await page.click('.not-found a');
    await page.waitForURL(dashboard.url('/', 'http'));
  }, 30_000);
});

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(200);
  }
}

/** Pixels of the chart's canvas in its first line's colour. */
function linePixels(page: Page, chart: string): Promise<number> {
  return page.locator(`figure[data-chart=${chart}] canvas`).evaluate((canvas: HTMLCanvasElement, [r, g, b]) => {
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - r) < 8 && Math.abs(data[i + 1] - g) < 8 && Math.abs(data[i + 2] - b) < 8 && data[i + 3] > 200) count++;
    }
    return count;
  }, FIRST_LINE_RGB);
}

/** Puts the cursor at the right end of the plot: the newest point. */
async function hoverRightEdge(page: Page, chart: string): Promise<void> {
  const over = page.locator(`figure[data-chart=${chart}] .u-over`);
  const box = (await over.boundingBox())!;
  await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2);
}

function legendValues(page: Page, chart: string): Promise<string[]> {
  return page.locator(`figure[data-chart=${chart}] .u-legend .u-value`).allInnerTexts();
}
