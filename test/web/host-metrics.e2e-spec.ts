/// <reference lib="dom" /> // page.evaluate callbacks run in the browser
import { API_PATHS, exampleServerInfo, exampleServerInfoV11, type HistoryResponse, REPORT_PATH } from '@sss/contracts';
import type { Page } from 'playwright-core';
import { DashboardProcess } from '../support/dashboard-process';
import { until } from '../support/ws-clients';
import { collectProblems, launchBrowser, overflowingCards, screenshot } from './browser';
import { FakeAgent } from './fake-agent';

const SERVERS = [
  { id: 'gpu-1', secret: 'secret-gpu-1', name: 'GPU Tokyo', group: 'lab', countryCode: 'JP' },
  { id: 'old-1', secret: 'secret-old-1', name: 'Old Berlin', group: 'lab', countryCode: 'DE' },
];
const MB = 2 ** 20;

describe('the readings of protocol 1.1 in the console: shown for an agent that sends them, absent for one that does not', () => {
  let dashboard: DashboardProcess;
  let agents: FakeAgent[];
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;

  const card = (id: string) => page.locator('sss-server-card', { has: page.locator(`a[href="/servers/${id}"]`) });
  const cardOrder = () => page.locator('sss-server-card h3 a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));

  beforeAll(async () => {
    dashboard = await DashboardProcess.start({ servers: SERVERS });
    const url = dashboard.url(REPORT_PATH);
    const v11 = exampleServerInfoV11();
    const old = exampleServerInfo();
    agents = [
      new FakeAgent(
        url,
        'secret-gpu-1',
        exampleServerInfoV11({
          serverId: 'gpu-1',
          serverName: 'GPU Tokyo',
          group: 'lab',
          countryCode: 'JP',
          ip: '203.0.113.7',
          network: {
            ...v11.network,
            inSpeed: 100,
            outSpeed: 100,
            interfaces: [
              { name: 'eth0', bytesSent: 3 * MB, bytesRecv: 4 * MB, inSpeed: 60, outSpeed: 40 },
              { name: 'wg0', bytesSent: MB, bytesRecv: MB, inSpeed: 40, outSpeed: 60 },
            ],
          },
        }),
      ).start(),
      FakeAgent.for(url, 'secret-old-1', {
        serverId: 'old-1',
        serverName: 'Old Berlin',
        group: 'lab',
        countryCode: 'DE',
        ip: '198.51.100.2',
        disk: [{ ...old.disk[0], used: 90, free: 10, total: 100, usedPercent: 90 }],
        network: { ...old.network, inSpeed: 5 * MB, outSpeed: MB },
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

  it('puts load, swap and the hottest sensor on the card of a 1.1 agent, in the layout an old agent’s card has', async () => {
    const problems = collectProblems(page);
    await page.goto(dashboard.url('/', 'http'));
    await card('gpu-1').locator('.vitals span').first().waitFor({ timeout: 15_000 });
    await card('old-1').locator('footer').waitFor();

    await expect(card('gpu-1').locator('.vitals > span').allInnerTexts()).resolves.toEqual([
      'Load 0.52',
      'Swap 5%',
      'Hottest sensor: coretemp/Package id 0 54 °C', // the sensor's name for screen readers, then the figure
    ]);
    await expect(card('gpu-1').locator('.vitals > span').last().getAttribute('title')).resolves.toBe(
      'Hottest sensor: coretemp/Package id 0',
    );
    expect(await card('old-1').locator('.vitals > span').count()).toBe(0);
    // Every part of both cards at the same place: nothing moves whichever agent a server has.
    const layout = (id: string) =>
      card(id)
        .locator('article.card')
        .evaluate((article) => {
          const top = article.getBoundingClientRect().top;
          const parts = article.querySelectorAll('header, .platform, sss-usage-bar, .speeds, .vitals, footer');
          return Array.from(parts, (part) => {
            const box = part.getBoundingClientRect();
            return `${part.tagName.toLowerCase()}.${part.className} ${Math.round(box.top - top)} ${Math.round(box.height)}`;
          });
        });
    const oldLayout = await layout('old-1');
    expect(oldLayout).toHaveLength(8); // header, platform, three bars, speeds, the (empty) readings line, footer
    await expect(layout('gpu-1')).resolves.toEqual(oldLayout);
    await expect(overflowingCards(page)).resolves.toEqual([]);
    await screenshot(page, 'board-host-metrics');
    expect(problems).toEqual([]);
  }, 60_000);

  it('sorts by load, fullest disk and traffic, and finds servers by IP and by country name in the page language', async () => {
    await page.goto(dashboard.url('/', 'http'));
    await card('gpu-1').locator('.vitals span').first().waitFor({ timeout: 15_000 });
    const sortBy = async (key: string, first: string) => {
      await page.selectOption('select[name=sort]', key);
      await until(cardOrder, (order) => order[0] === `/servers/${first}` && order.length === 2, `sorted by ${key}`);
    };
    await sortBy('load', 'gpu-1'); // the old agent sends no load: last
    await sortBy('disk', 'old-1'); // 90 % against 50 %
    await sortBy('network', 'old-1'); // 6 MB/s against 200 B/s
    await sortBy('load', 'gpu-1');

    const search = async (query: string, expected: string[]) => {
      await page.fill('input[type=search]', query);
      await until(cardOrder, (order) => JSON.stringify(order) === JSON.stringify(expected.map((id) => `/servers/${id}`)), `“${query}”`);
    };
    await search('203.0.113', ['gpu-1']);
    await search('198.51', ['old-1']);
    await search('germany', ['old-1']); // the country names load once the page is idle
    await search('japan', ['gpu-1']);

    await page.selectOption('select[name=lang]', 'zh-CN');
    await search('日本', ['gpu-1']);
    await search('德国', ['old-1']);
    await search('', ['gpu-1', 'old-1']);
    // Durations and the readings in Chinese too.
    await expect(card('gpu-1').locator('footer span').first().innerText()).resolves.toBe('运行时间 10天 0小时 0分钟');
    await expect(card('gpu-1').locator('.vitals > span').first().innerText()).resolves.toBe('负载 0.52');
    await until(
      () => card('old-1').locator('footer .age').innerText(),
      (text) => /^\d+秒前更新$/.test(text),
      'the age in Chinese',
    );
    await screenshot(page, 'board-host-metrics-zh');
    await page.selectOption('select[name=lang]', 'en');
    await page.selectOption('select[name=sort]', 'group');
  }, 60_000);

  it('shows every 1.1 reading on the detail page, and charts of the new series', async () => {
    // The charts are drawn from storage: wait until it holds a few of gpu-1's reports.
    await until(
      () => getJson<HistoryResponse>(dashboard.url(`${API_PATHS.history.replace(':id', 'gpu-1')}?metrics=processes`, 'http')),
      (history) => (history.series[0]?.avg.filter((v) => v !== null).length ?? 0) >= 2,
      'stored 1.1 reports',
      45_000,
    );
    const problems = collectProblems(page);
    await page.goto(dashboard.url('/servers/gpu-1', 'http'));
    const panel = (name: string) => page.locator(`[data-panel=${name}]`);
    await panel('activity').waitFor({ timeout: 15_000 });
    const activity = await panel('activity').innerText();
    for (const text of [
      '0.52 · 0.61 · 0.70',
      '100 MB / 2.0 GB (4.9%)',
      'Processes\n212',
      'TCP connections\n87',
      'UDP sockets\n12',
      'I/O wait\n1.5%',
      'Steal\n0.2%',
    ])
      expect(activity).toContain(text);
    await expect(panel('temperatures').locator('tbody tr').allInnerTexts()).resolves.toEqual([
      'coretemp/Package id 0\t54 °C',
      'outdoor/temp1\t-12 °C',
    ]);
    await expect(panel('interfaces').locator('tbody tr').allInnerTexts()).resolves.toEqual([
      'eth0\t60 B/s\t40 B/s\t4.0 MB\t3.0 MB',
      'wg0\t40 B/s\t60 B/s\t1.0 MB\t1.0 MB',
    ]);
    await expect(panel('gpus').locator('tbody tr').innerText()).resolves.toMatch(
      /^0\tNVIDIA GeForce RTX 3080\t[\s\S]*37%[\s\S]*2\.0 GB \/ 10\.0 GB[\s\S]*61 °C$/,
    );

    for (const chart of ['processes', 'connections', 'temperature', 'gpu'])
      await page.locator(`figure[data-chart=${chart}] canvas`).waitFor({ timeout: 15_000 });
    await expect(page.locator('figure[data-chart=temperature] figcaption').innerText()).resolves.toBe('Temperature');
    await expect(page.locator('figure[data-chart=cpu] .u-legend .u-label').allInnerTexts()).resolves.toEqual(
      expect.arrayContaining(['CPU', 'I/O wait', 'Steal']),
    );
    // The legend at the newest point (a live report becomes one within a step), with units.
    const over = page.locator('figure[data-chart=temperature] .u-over');
    await over.scrollIntoViewIfNeeded(); // the mouse reaches only what is on screen
    await until(
      async () => {
        const box = (await over.boundingBox())!;
        await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2);
        return page.locator('figure[data-chart=temperature] .u-legend .u-value').allInnerTexts();
      },
      (values) => values.includes('54.0 °C'),
      'the hottest sensor in the legend',
    );
    await screenshot(page, 'detail-host-metrics');
    expect(problems).toEqual([]);
  }, 90_000);

  it('renders the detail page of an old agent’s server without any of them', async () => {
    await until(
      () => getJson<HistoryResponse>(dashboard.url(`${API_PATHS.history.replace(':id', 'old-1')}?metrics=cpu`, 'http')),
      (history) => (history.series[0]?.avg.filter((v) => v !== null).length ?? 0) >= 2,
      'stored reports',
      45_000,
    );
    const problems = collectProblems(page);
    await page.goto(dashboard.url('/servers/old-1', 'http'));
    await page.locator('figure[data-chart=cpu] canvas').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-panel]').count()).toBe(0);
    await expect(page.locator('sss-server-detail .values h2').allInnerTexts()).resolves.toEqual(['Server', 'System', 'Network', 'Disks']);
    await expect(
      page.locator('figure[data-chart]').evaluateAll((figures) => figures.map((f) => f.getAttribute('data-chart'))),
    ).resolves.toEqual(['cpu', 'memory', 'disk', 'diskio', 'network']);
    await expect(page.locator('figure[data-chart=cpu] .u-legend .u-label').allInnerTexts()).resolves.toEqual(['Time', 'CPU']);
    expect(problems).toEqual([]);
  }, 90_000);
});

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
