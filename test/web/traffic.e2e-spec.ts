/// <reference lib="dom" /> // page.evaluate callbacks run in the browser
import { API_PATHS, REPORT_PATH, type TrafficByServer } from '@sss/contracts';
import type { Page } from 'playwright-core';
import { periodAt } from '../../apps/dashboard/src/traffic/domain/billing-cycle';
import { DashboardProcess } from '../support/dashboard-process';
import { until } from '../support/ws-clients';
import { collectProblems, launchBrowser, screenshot } from './browser';
import { FakeAgent } from './fake-agent';

const GiB = 1024 ** 3;
const SERVERS = [
  { id: 'capped', secret: 'secret-capped', name: 'Capped VPS', traffic: { resetDay: 1, quotaBytes: '10GiB' } },
  { id: 'open', secret: 'secret-open', name: 'Open VPS' },
];

describe('traffic in the console, in a real browser', () => {
  let dashboard: DashboardProcess;
  let agents: FakeAgent[];
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const card = (id: string) => page.locator('sss-server-card', { has: page.locator(`a[href="/servers/${id}"]`) });
  const utcDay = (ms: number, lang: string) =>
    new Intl.DateTimeFormat(lang, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(ms);

  beforeAll(async () => {
    dashboard = await DashboardProcess.start({ servers: SERVERS });
    const url = dashboard.url(REPORT_PATH);
    agents = [FakeAgent.for(url, 'secret-capped', { serverId: 'capped' }), FakeAgent.for(url, 'secret-open', { serverId: 'open' })];
    // The first reports are the baselines; then the counters move: 1 GiB out and 2 GiB in, and 512 MiB in.
    for (const agent of agents) agent.info.network = { ...agent.info.network, bytesSent: 0, bytesRecv: 0 };
    agents.forEach((a) => a.start());
    await until(
      () => dashboard.servers(),
      (servers) => servers.length === 2,
      'both servers reporting',
    );
    agents[0].info.network = { ...agents[0].info.network, bytesSent: GiB, bytesRecv: 2 * GiB };
    agents[1].info.network = { ...agents[1].info.network, bytesSent: 0, bytesRecv: GiB / 2 };
    await until(
      async () => (await (await fetch(dashboard.url(API_PATHS.trafficOverview, 'http'))).json()) as TrafficByServer,
      (t) => t.capped?.used === 3 * GiB && t.open?.used === GiB / 2,
      'the moved bytes counted',
    );
    browser = await launchBrowser();
    page = await browser.context.newPage();
  }, 60_000);

  afterAll(async () => {
    agents?.forEach((a) => a.stop());
    await browser?.close();
    await dashboard?.stop();
  });

  it("shows this period's traffic on each card: with a quota a bar and the reset date, without one the bytes", async () => {
    const problems = collectProblems(page);
    await page.goto(dashboard.url('/', 'http'));
    const bar = card('capped').locator('sss-card-traffic [role=meter][aria-label="Traffic"]');
    await bar.waitFor();
    await expect(bar.getAttribute('aria-valuenow')).resolves.toBe('30');
    const resets = utcDay(periodAt(Date.now(), 1).end, 'en-US');
    await expect(card('capped').locator('sss-card-traffic').innerText()).resolves.toMatch(
      new RegExp(`Traffic\\s+3\\.0 GB / 10\\.0 GB · ↻ ${resets}\\s+30%`),
    );
    await expect(card('capped').locator('sss-card-traffic sss-usage-bar').getAttribute('title')).resolves.toBe(`resets ${resets}`);
    await expect(card('open').locator('sss-card-traffic').innerText()).resolves.toMatch(/Traffic\s+512 MB\s+↑ 0 B ↓ 512 MB/);
    expect(await card('open').locator('sss-card-traffic [role=meter]').count()).toBe(0);
    // The line sits in a slot of fixed height: every card's content still fits its fixed height.
    expect(await overflowingCards(page)).toEqual([]);
    await screenshot(page, 'board-traffic');

    await page.selectOption('select[name=lang]', 'zh-CN');
    await expect(card('capped').locator('sss-card-traffic').innerText()).resolves.toContain(
      `3.0 GB / 10.0 GB · ↻ ${utcDay(periodAt(Date.now(), 1).end, 'zh-CN')}`,
    );
    await expect(card('capped').locator('sss-card-traffic sss-usage-bar').getAttribute('title')).resolves.toBe(
      `${utcDay(periodAt(Date.now(), 1).end, 'zh-CN')}重置`,
    );
    await expect(card('capped').locator('sss-card-traffic').innerText()).resolves.toContain('流量');
    await page.selectOption('select[name=lang]', 'en');
    expect(problems).toEqual([]);
  });

  it('shows the last 12 periods as bars on the detail page, this one last, with the quota line', async () => {
    const problems = collectProblems(page);
    await page.goto(dashboard.url('/servers/capped', 'http'));
    const panel = page.locator('sss-server-traffic');
    await panel.locator('.bars li').nth(11).waitFor();
    expect(await panel.locator('.bars li').count()).toBe(12);
    await expect(panel.locator('[data-traffic=used] dd').innerText()).resolves.toBe('3.0 GB');
    await expect(panel.locator('[data-traffic=quota] dd').innerText()).resolves.toBe('10.0 GB (30.0%)');
    await expect(panel.locator('[data-traffic=sent] dd').innerText()).resolves.toBe('1.0 GB');
    const { start, end } = periodAt(Date.now(), 1);
    const withYear = (ms: number) =>
      new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(ms);
    // The period by its first and last day; it resets the day after.
    await expect(panel.locator('p.muted').innerText()).resolves.toBe(
      `${withYear(start)} – ${withYear(end - 86_400_000)} · resets ${utcDay(end, 'en')} · Counts: sent + received`,
    );
    const bars = await panel
      .locator('.bars li')
      .evaluateAll((items) =>
        items.map((li) => ({ current: li.classList.contains('current'), height: (li.querySelector('.bar') as HTMLElement).style.height })),
      );
    // Scaled to the quota (larger than any period): this period's 3 of 10 GiB is 30 % of the chart; the others used nothing.
    expect(bars.slice(0, 11)).toEqual(Array.from({ length: 11 }, () => ({ current: false, height: '0%' })));
    expect(bars[11]).toEqual({ current: true, height: '30%' });
    await expect(panel.locator('.quota-line').getAttribute('style')).resolves.toContain('bottom: 100%');
    await expect(panel.locator('.months li').last().innerText()).resolves.toBe(
      new Intl.DateTimeFormat('en', {
        month: 'short',
        timeZone: 'UTC',
        year: new Date().getUTCMonth() === 0 ? '2-digit' : undefined,
      }).format(periodAt(Date.now(), 1).start),
    );
    await screenshot(page, 'detail-traffic');
    expect(problems).toEqual([]);
  });
});

/** Cards have one fixed height; this catches content that no longer fits inside its padding. */
function overflowingCards(page: Page): Promise<string[]> {
  return page.$$eval('article.card', (cards) =>
    cards
      .filter((card) => {
        const bottom = card.getBoundingClientRect().bottom - parseFloat(getComputedStyle(card).paddingBottom);
        return Array.from(card.children).some((child) => child.getBoundingClientRect().bottom > bottom + 0.5);
      })
      .map((card) => card.querySelector('a')?.textContent ?? '?'),
  );
}
