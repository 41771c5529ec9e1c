/// <reference lib="dom" /> // page.evaluate callbacks run in the browser
import { REPORT_PATH } from '@sss/contracts';
import type { Page } from 'playwright-core';
import { DashboardProcess } from '../support/dashboard-process';
import { collectProblems, launchBrowser } from './browser';
import { FakeAgent } from './fake-agent';

/** Markup in every text an agent controls; each payload would set a flag or open a dialog if it ran. */
const NAME = `<img src=x onerror="alert('name');window.__xss='name'"><script>window.__xss='script'</script>`;
const GROUP = `<svg onload="alert('group')"></svg>"><b>bold group</b>`;
const LOCATION = `<iframe src="javascript:alert('location')"></iframe>`;
const HOSTNAME = `<a href="javascript:alert('host')">host</a>`;

describe('stored XSS: markup from an agent renders as text', () => {
  let dashboard: DashboardProcess;
  let agent: FakeAgent;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    // No name or group in the config: the agent's own, with its markup, are shown.
    dashboard = await DashboardProcess.start({ servers: [{ id: 'xss-1', secret: 'stored-xss-secret' }] });
    agent = FakeAgent.for(dashboard.url(REPORT_PATH), 'stored-xss-secret', {
      serverId: 'xss-1',
      serverName: NAME,
      group: GROUP,
      location: LOCATION,
      system: { hostname: HOSTNAME, os: 'linux', platform: 'debian', arch: 'x64', kernel: '<script>alert(1)</script>', uptime: 60 },
    }).start();
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    agent?.stop();
    await browser?.close();
    await dashboard?.stop();
  });

  /** Opens `path` watching for dialogs and script errors; returns what ran that should not have. */
  async function visit(path: string, ready: (page: Page) => Promise<void>): Promise<{ page: Page; ran: string[] }> {
    const page = await browser.context.newPage();
    const ran = collectProblems(page);
    page.on('dialog', (dialog) => {
      ran.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.goto(dashboard.url(path, 'http'));
    await ready(page);
    return { page, ran };
  }

  /** Elements the payloads would have created, had they been parsed as markup. */
  const injected = (page: Page) =>
    page.evaluate(() => ({
      elements: document.querySelectorAll('img[src="x"], svg[onload], iframe, b, a[href^="javascript:"], script:not([src])').length,
      flag: (window as unknown as { __xss?: string }).__xss ?? null,
    }));

  it('shows the name and group as text on the board and runs nothing', async () => {
    const { page, ran } = await visit('/', (p) => p.locator('sss-server-card').first().waitFor());
    const card = page.locator('sss-server-card').first();
    await expect(card.innerText()).resolves.toContain(NAME);
    await expect(page.locator('section.group h2').first().innerText()).resolves.toContain(GROUP);
    expect(await injected(page)).toEqual({ elements: 0, flag: null });
    expect(ran).toEqual([]);
    await page.close();
  });

  it('shows every agent text as text on the detail page and runs nothing', async () => {
    const { page, ran } = await visit('/servers/xss-1', (p) => p.getByText(HOSTNAME, { exact: false }).first().waitFor());
    const text = await page.locator('body').innerText();
    for (const payload of [NAME, HOSTNAME, '<script>alert(1)</script>']) expect(text).toContain(payload);
    expect(await injected(page)).toEqual({ elements: 0, flag: null });
    expect(ran).toEqual([]);
    await page.close();
  });
});
