/// <reference lib="dom" /> // page.$$eval callbacks run in the browser
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ensureChromium } from '../../scripts/ensure-chromium';
import { ROOT } from '../support/dashboard-process';

export const SCREENSHOTS = join(ROOT, 'test-artifacts/web');

/** Chromium (CHROMIUM_PATH, else Debian's, which the global setup installs if it can) driven by playwright-core, with a profile of its own that is deleted on close. */
export async function launchBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'sss-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: ensureChromium(),
    headless: true,
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Console errors and failed requests, so a test can assert the page ran clean (CSP violations show here). */
export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
  return problems;
}

/** Cards have one fixed height (for speed); this catches content that no longer fits inside its padding. */
export function overflowingCards(page: Page): Promise<string[]> {
  return page.$$eval('article.card', (cards) =>
    cards
      .filter((card) => {
        const bottom = card.getBoundingClientRect().bottom - parseFloat(getComputedStyle(card).paddingBottom);
        return Array.from(card.children).some((child) => child.getBoundingClientRect().bottom > bottom + 0.5);
      })
      .map((card) => card.querySelector('a')?.textContent ?? '?'),
  );
}
