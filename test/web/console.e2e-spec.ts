/// <reference lib="dom" /> // page.evaluate callbacks run in the browser
import { FRONTEND_PATH, REPORT_PATH, SERVERS_API_PATH } from '@sss/contracts';
import type { BrowserContext, Page } from 'playwright-core';
import { DashboardProcess } from '../support/dashboard-process';
import { sleep } from '../support/ws-clients';
import { collectProblems, launchBrowser, overflowingCards, screenshot } from './browser';
import { FakeAgent } from './fake-agent';
import { retryDelays, SocketAttempts } from './socket-attempts';

const SERVERS = [
  { id: 'web-1', secret: 'secret-web-1', name: 'Web Tokyo', group: 'production', countryCode: 'JP' },
  { id: 'web-2', secret: 'secret-web-2', name: 'Web Frankfurt', group: 'production', countryCode: 'DE' },
  { id: 'db-1', secret: 'secret-db-1', name: 'Database', group: 'storage', countryCode: 'US' },
];
const OFFLINE_AFTER_SECONDS = 2;

describe('the console in a real browser', () => {
  let dashboard: DashboardProcess;
  let agents: Record<string, FakeAgent>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let context: BrowserContext;
  let page: Page;

  const card = (id: string, on = page) => on.locator('sss-server-card', { has: on.locator(`a[href="/servers/${id}"]`) });
  const meter = (id: string, label: string) => card(id).locator(`[role=meter][aria-label="${label}"]`);

  beforeAll(async () => {
    dashboard = await DashboardProcess.start({ servers: SERVERS, config: { offlineAfterSeconds: OFFLINE_AFTER_SECONDS } });
    const url = dashboard.url(REPORT_PATH);
    agents = {
      'web-1': FakeAgent.for(url, 'secret-web-1', {
        serverId: 'web-1',
        cpu: { percent: 12.4, cores: 8, modelName: 'EPYC' },
        memory: { total: 16 * 2 ** 30, used: 12 * 2 ** 30, available: 4 * 2 ** 30, usedPercent: 75 },
      }),
      'web-2': FakeAgent.for(url, 'secret-web-2', {
        serverId: 'web-2',
        cpu: { percent: 93.2, cores: 4, modelName: 'Xeon' },
        network: { interfaceName: 'eth0', bytesSent: 1, bytesRecv: 1, inSpeed: 2.5 * 2 ** 20, outSpeed: 300 * 1024 },
      }),
      'db-1': FakeAgent.for(url, 'secret-db-1', {
        serverId: 'db-1',
        system: {
          hostname: 'db-host',
          os: 'linux',
          platform: 'debian',
          arch: 'arm64',
          kernel: '6.1.0',
          uptime: 18 * 86_400 + 6 * 3_600 + 32 * 60,
        },
      }),
    };
    Object.values(agents).forEach((a) => a.start());
    browser = await launchBrowser();
    context = browser.context;
    page = await context.newPage();
  }, 60_000);

  afterAll(async () => {
    Object.values(agents ?? {}).forEach((a) => a.stop());
    await browser?.close();
    await dashboard?.stop();
  });

  it('shows one card per server with the values sent, grouped, with no console errors', async () => {
    const problems = collectProblems(page);
    await page.goto(dashboard.url('/', 'http'));
    await page.locator('sss-server-card').nth(2).waitFor();
    expect(await page.locator('sss-server-card').count()).toBe(3);

    // Groups: storage holds db-1, production both web servers.
    await expect(texts(page.locator('section.group h2'))).resolves.toEqual([
      expect.stringMatching(/production\s*2/),
      expect.stringMatching(/storage\s*1/),
    ]);
    expect(await page.locator('section[data-group=production] sss-server-card').count()).toBe(2);
    expect(await page.locator('section[data-group=storage] sss-server-card').count()).toBe(1);

    // Values as sent, in human units, with levels not by colour alone.
    await expect(meter('web-1', 'CPU').getAttribute('aria-valuenow')).resolves.toBe('12');
    await expect(meter('web-1', 'Memory').getAttribute('aria-valuetext')).resolves.toBe('75%, warning');
    await expect(meter('web-2', 'CPU').getAttribute('aria-valuetext')).resolves.toBe('93%, critical');
    await expect(card('web-2').innerText()).resolves.toMatch(/!!\s*93%/);
    await expect(card('web-2').innerText()).resolves.toContain('2.5 MB/s');
    await expect(card('web-2').innerText()).resolves.toContain('300 KB/s');
    await expect(card('db-1').innerText()).resolves.toContain('18d 6h 32m');
    await expect(card('db-1').innerText()).resolves.toContain('debian · linux · arm64');
    await expect(card('web-1').locator('img').getAttribute('src')).resolves.toBe('flags/jp.svg');
    await expect(
      card('web-1')
        .locator('img')
        .evaluate((img: HTMLImageElement) => img.naturalWidth),
    ).resolves.toBeGreaterThan(0);
    await expect(page.locator('[data-count=online]').innerText()).resolves.toBe('3');
    await expect(page.locator('sss-connection-status').getAttribute('data-state')).resolves.toBe('connected');
    await expect(overflowingCards(page)).resolves.toEqual([]);
    await screenshot(page, 'board-light');
    expect(problems).toEqual([]); // the CSP let the page, its flags and its WebSocket through
  }, 60_000);

  it('builds the whole board from the HTTP snapshot index.html preloads, fetched once', async () => {
    const fresh = await context.newPage();
    const problems = collectProblems(fresh);
    const snapshotRequests: string[] = [];
    fresh.on('request', (r) => r.url().endsWith(SERVERS_API_PATH) && snapshotRequests.push(r.url()));
    // A socket that opens but never delivers: whatever the board shows came over HTTP.
    await fresh.routeWebSocket(new RegExp(`${FRONTEND_PATH}$`), () => undefined);
    await fresh.goto(dashboard.url('/', 'http'));
    await fresh.locator('sss-server-card').nth(2).waitFor();
    expect(await fresh.locator('sss-server-card').count()).toBe(3);
    await expect(card('web-1', fresh).locator('[role=meter][aria-label=CPU]').getAttribute('aria-valuenow')).resolves.toBe('12');
    await expect(card('web-2', fresh).innerText()).resolves.toContain('2.5 MB/s');
    await expect(card('db-1', fresh).innerText()).resolves.toContain('18d 6h 32m');
    await expect(fresh.locator('[data-count=online]').innerText()).resolves.toBe('3');
    expect(snapshotRequests).toHaveLength(1); // the app's fetch took the preloaded response
    expect(problems).toEqual([]); // the CSP let the preload through
    await fresh.close();
  }, 60_000);

  it('searches, and opens a deep link that survives a reload', async () => {
    await page.fill('input[type=search]', 'db-host');
    await eventually(() => page.locator('sss-server-card').count(), 1);
    await page.fill('input[type=search]', '');
    await eventually(() => page.locator('sss-server-card').count(), 3);

    await card('db-1').locator('a').click();
    await page.waitForURL('**/servers/db-1');
    await page.reload();
    await page.locator('sss-server-detail h1').waitFor();
    const text = await page.locator('sss-server-detail').innerText();
    for (const expected of ['Database', 'db-host', '6.1.0', 'arm64', 'eth0', '/', '123.45.67.89', 'Beijing, China'])
      expect(text).toContain(expected);
    await screenshot(page, 'detail-light');
    await page.goto(dashboard.url('/', 'http'));
  }, 60_000);

  it('turns a card offline, keeping its values, once its agent stops reporting past the threshold', async () => {
    await card('db-1').waitFor();
    agents['db-1'].reporting = false;
    const stoppedAt = Date.now();
    await page.locator('article.card.offline').waitFor({ timeout: (OFFLINE_AFTER_SECONDS + 5) * 1000 });
    expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(OFFLINE_AFTER_SECONDS * 1000 - 600); // not before the threshold (less one report interval)
    await expect(page.locator('article.card.offline a').getAttribute('href')).resolves.toBe('/servers/db-1');
    const text = await card('db-1').innerText();
    expect(text).toContain('Offline');
    expect(text).toMatch(/last seen \d+s ago/);
    expect(text).toContain('18d 6h 32m');
    await expect(page.locator('[data-count=offline]').innerText()).resolves.toBe('1');
    await screenshot(page, 'board-one-offline');
  }, 60_000);

  it('reconnects after a dashboard restart on the protocol schedule (3 s, then 4.5 s; 3 s again after an open) and shows live data again', async () => {
    agents['db-1'].reporting = false; // silent across the restart (it already is after the test before)
    // A page of its own, watched from its first socket, so every close and attempt is on record.
    const live = await context.newPage();
    const attempts = await SocketAttempts.watch(live);
    await live.goto(dashboard.url('/', 'http'));
    await live.waitForSelector('sss-connection-status[data-state=connected]');
    const port = dashboard.port;
    const restart = () => DashboardProcess.start({ servers: SERVERS, config: { port, offlineAfterSeconds: OFFLINE_AFTER_SECONDS } });

    // The dashboard goes away: the page's socket closes, and its retries are refused until it is back.
    const outage = attempts.list.length - 1; // the socket that was open
    await dashboard.stop();
    await live.waitForSelector('sss-connection-status[data-state=reconnecting]');
    await expect(live.locator('sss-connection-status').innerText()).resolves.toMatch(/Reconnecting in \d+ s/);
    await screenshot(live, 'board-reconnecting');
    await attempts.waitFor(outage, (list) => list.filter((a) => a.ended !== undefined && !a.opened).length >= 2, 20_000);

    agents['web-1'].info.cpu.percent = 42;
    dashboard = await restart();
    const firstOutage = await attempts.waitFor(outage, (list) => list.length > 1 && list[list.length - 1].opened, 30_000);
    expectBackoff(retryDelays(firstOutage));
    await live.waitForSelector('sss-connection-status[data-state=connected]');
    await live.waitForFunction(
      () => document.querySelector('a[href="/servers/web-1"]')?.closest('sss-server-card')?.textContent?.includes('42%'),
      null,
      { timeout: 10_000 },
    );
    // db-1 is silent and the new dashboard never heard of it: the page keeps its card, offline.
    await live.waitForFunction(() => document.querySelector('[data-count=online]')?.textContent === '2', null, { timeout: 10_000 });
    await expect(live.locator('article.card.offline a').getAttribute('href')).resolves.toBe('/servers/db-1');

    // After that open the schedule starts over: the next outage is retried after 3 s, not 10 s.
    const secondOutage = attempts.list.length - 1;
    await dashboard.stop();
    dashboard = await restart();
    agents['db-1'].reporting = true;
    expectBackoff(retryDelays(await attempts.waitFor(secondOutage, (list) => list.length > 1 && list[list.length - 1].opened, 30_000)));
    await live.waitForFunction(() => document.querySelector('[data-count=online]')?.textContent === '3', null, { timeout: 10_000 });
    await live.close();
  }, 60_000);

  it('switches language and theme at run time and keeps both, and collapsed groups, across a reload', async () => {
    await page.selectOption('select[name=lang]', 'zh-CN');
    await eventually(() => page.locator('h1').innerText(), '服务器状态');
    await page.selectOption('select[name=theme]', 'dark');
    await page.click('section[data-group=storage] h2 button');
    await eventually(() => page.locator('section[data-group=storage] sss-server-card').count(), 0);

    await page.reload();
    await page.locator('sss-server-card').first().waitFor();
    await expect(page.locator('h1').innerText()).resolves.toBe('服务器状态');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
    await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
    await expect(page.evaluate(() => getComputedStyle(document.body).backgroundColor)).resolves.toBe('rgb(14, 17, 22)');
    expect(await page.locator('section[data-group=storage] sss-server-card').count()).toBe(0);
    await expect(page.locator('section[data-group=storage] h2 button').getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(card('web-2').innerText()).resolves.toContain('在线');

    await page.click('section[data-group=storage] h2 button');
    await page.locator('section[data-group=storage] sss-server-card').waitFor();
    await expect(overflowingCards(page)).resolves.toEqual([]);
    await screenshot(page, 'board-dark-zh');
    await page.selectOption('select[name=lang]', 'en');
    await page.selectOption('select[name=theme]', 'light');
    await eventually(() => page.locator('h1').innerText(), 'Server status');
  }, 60_000);

  it('builds a card in full only while the browser shows it; one off screen (its group skipped, at about its height) keeps its link and status, and focus brings it in full', async () => {
    const small = await context.newPage();
    await small.setViewportSize({ width: 400, height: 240 });
    await small.goto(dashboard.url('/', 'http'));
    const offScreen = small.locator('section[data-group=storage] sss-server-card');
    await offScreen.waitFor({ state: 'attached' });
    const meters = () => offScreen.locator('[role=meter]').count();
    await eventually(meters, 0); // the first screenful starts in full until the browser says which cards it skips
    await expect(offScreen.locator('a').getAttribute('href')).resolves.toBe('/servers/db-1');
    await expect(offScreen.locator('a').getAttribute('aria-label')).resolves.toBe('Details of Database');
    await expect(offScreen.textContent()).resolves.toContain('Online');
    expect(await small.locator('[role=meter]').count()).toBeGreaterThan(0); // the cards on screen are in full
    // Its whole group is skipped too, at about the height it will have (an estimate, until drawn).
    const section = small.locator('section[data-group=storage]');
    const drawn = () => section.locator('h2').evaluate((el) => el.checkVisibility({ contentVisibilityAuto: true })); // false inside a skipped box
    await expect(drawn()).resolves.toBe(false);
    const estimated = (await section.boundingBox())!.height;

    await offScreen.locator('a').focus(); // as Tab would: the link is in the tab order and scrolls into view
    await eventually(meters, 3);
    await expect(offScreen.locator('time').textContent()).resolves.toMatch(/updated \d+s ago/);
    await expect(drawn()).resolves.toBe(true);
    const real = (await section.boundingBox())!.height;
    expect(Math.abs(estimated - real) / real).toBeLessThan(0.1);
    await small.close();
  }, 60_000);

  it("rings a card focused from the keyboard; neither the card's nor its section's containment cuts the ring off", async () => {
    const focus = await context.newPage();
    await focus.setViewportSize({ width: 1000, height: 700 });
    await focus.goto(dashboard.url('/', 'http'));
    const first = focus.locator('sss-server-card').first(); // its left edge is its section's
    const link = first.locator('a');
    await first.locator('[role=meter]').first().waitFor();
    const box = (await first.boundingBox())!;
    // The ring (2px outline, 2px offset from the card's inside) falls in a strip just above the card, outside the
    // card's containment, and in a column just left of it, outside the section's.
    const outside = () =>
      Promise.all([
        focus.screenshot({ clip: { x: box.x + box.width / 2 - 20, y: box.y - 4, width: 40, height: 4 } }),
        focus.screenshot({ clip: { x: box.x - 1, y: box.y + 20, width: 1, height: 40 } }),
      ]);
    const [above, left] = await outside();
    await link.focus();
    await focus.keyboard.press('Shift+Tab'); // back and forth with the keyboard, so the browser shows the focus ring
    await focus.keyboard.press('Tab');
    await expect(link.evaluate((a) => a.matches(':focus-visible'))).resolves.toBe(true);
    await screenshot(focus, 'board-keyboard-focus');
    const [ringAbove, ringLeft] = await outside();
    expect(ringAbove.equals(above)).toBe(false);
    expect(ringLeft.equals(left)).toBe(false);
    await focus.close();
  }, 60_000);

  it('fits a 360 px wide phone without horizontal scrolling', async () => {
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 360, height: 740 });
    const scrolls = () => phone.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    await phone.goto(dashboard.url('/', 'http'));
    await phone.locator('sss-server-card').nth(2).waitFor();
    expect(await scrolls()).toBe(false);
    await expect(overflowingCards(phone)).resolves.toEqual([]);
    await screenshot(phone, 'board-phone');
    await phone.goto(dashboard.url('/servers/web-2', 'http'));
    await phone.locator('sss-server-detail h1').waitFor();
    expect(await scrolls()).toBe(false);
    await phone.close();
  }, 60_000);
});

function texts(locator: import('playwright-core').Locator): Promise<string[]> {
  return locator.allInnerTexts().then((list) => list.map((t) => t.replace(/\s+/g, ' ').trim()));
}

/**
 * PROTOCOL.md's browser reconnect: 3 s x 1.5^n, capped at 30 s. A retry never comes early; it may come late on a
 * loaded machine, by less than the step to the next delay, so a schedule off by a step (or without the growth) fails.
 */
function expectBackoff(delays: number[]): void {
  expect(delays.length).toBeGreaterThan(0);
  delays.forEach((delay, n) => {
    const due = Math.min(3_000 * 1.5 ** n, 30_000);
    expect({ n, delay, early: delay < due - 100, late: delay > due + 1_000 }).toEqual({ n, delay, early: false, late: false });
  });
}

/** Polls `read` until it gives `expected`: the page renders after an event, not during it. */
async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (last !== expected && Date.now() < deadline) {
    await sleep(50);
    last = await read();
  }
  expect(last).toBe(expected);
}
