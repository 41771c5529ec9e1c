/// <reference lib="dom" /> // page.evaluate callbacks run in the browser
/**
 * Measures the console against a large fleet (a manual script, not part of `npm test`):
 *   1. initial JavaScript of the production build, gzipped, and it and the snapshot as they went over the wire;
 *   2. time from navigation to a complete board drawn (see watchForCompleteBoard), for SERVERS servers,
 *      over several navigations (the spread here is wide: the page shares two cores with the fleet);
 *   3. frames dropped while every server reports every 5 s, from the page's own
 *      requestAnimationFrame timing and Long Animation Frame entries.
 *
 * Run: npm run bench:web (rebuilds whatever is stale first)
 * Env: SERVERS (1000), DURATION of the frame measurement in seconds (30), WIDTH x HEIGHT of the
 * viewport (1920 x 1080), NAVIGATIONS to time (7: one with a cold cache, then reloads), WEB_ROOT of
 * another console build to measure (default: this one's), PROFILE=1 to save a CPU profile of the measurement to bench-results/
 * (open it in Chrome DevTools; build with `ng build web --configuration development` for names).
 */
import { exampleServerInfo, REPORT_PATH } from '@sss/contracts';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DashboardProcess, ROOT } from '../../test/support/dashboard-process';
import { FrontendClient, sleep } from '../../test/support/ws-clients';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../../test/web/browser';
import { FakeAgent } from '../../test/web/fake-agent';
import { ensureBuilt } from '../../scripts/ensure-built';

const SERVERS = Number(process.env.SERVERS ?? 1000);
const SECONDS = Number(process.env.DURATION ?? 30);
const WIDTH = Number(process.env.WIDTH ?? 1920);
const HEIGHT = Number(process.env.HEIGHT ?? 1080);
const NAVIGATIONS = Number(process.env.NAVIGATIONS ?? 7);
const REPORT_EVERY_MS = 5_000;
/** The console build to serve and measure; another one (e.g. an earlier commit's) can be compared on the same machine. */
const WEB_ROOT = process.env.WEB_ROOT || join(ROOT, 'dist/apps/web/browser');
const COUNTRIES = ['US', 'DE', 'JP', 'CN', 'SG', 'FR', 'GB', 'NL', 'BR', 'IN'];

/** The scripts index.html loads before the app runs: `<script src>` and `<link rel=modulepreload>`. */
function initialScripts(): { file: string; raw: number; gzip: number }[] {
  const html = readFileSync(join(WEB_ROOT, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="([^"]+\.js)"/g)].map((m) => m[1]);
  return [...new Set(files)].map((file) => {
    const bytes = readFileSync(join(WEB_ROOT, file));
    return { file, raw: bytes.length, gzip: gzipSync(bytes).length };
  });
}

async function main(): Promise<void> {
  ensureBuilt(); // measure the current sources, never a stale build
  const servers = Array.from({ length: SERVERS }, (_, i) => ({
    id: `srv-${String(i + 1).padStart(4, '0')}`,
    secret: `secret-${i}`,
    group: `group-${(i % 10) + 1}`,
    countryCode: COUNTRIES[i % COUNTRIES.length],
  }));
  const dashboard = await DashboardProcess.start({ servers, config: { offlineAfterSeconds: 30, webRoot: WEB_ROOT } });
  const url = dashboard.url(REPORT_PATH);
  const agents = servers.map(
    (s, i) =>
      new FakeAgent(
        url,
        s.secret,
        exampleServerInfo({ serverId: s.id, serverName: `Server ${i + 1}`, cpu: { percent: (i * 7) % 100, cores: 8, modelName: 'x' } }),
        REPORT_EVERY_MS,
      ),
  );
  // Spread the agents over one interval, as a real fleet is, and keep their numbers moving.
  agents.forEach((a, i) => setTimeout(() => a.start(), (i / SERVERS) * REPORT_EVERY_MS));
  const wander = setInterval(() => {
    for (const a of agents) {
      a.info.cpu.percent = Math.min(100, Math.max(0, a.info.cpu.percent + (Math.random() - 0.5) * 20));
      a.info.network.inSpeed = Math.random() * 50 * 2 ** 20;
    }
  }, 1_000);

  const watcher = await new FrontendClient(dashboard.url('/ws-frontend')).open();
  const seen = new Set<string>();
  const deadline = Date.now() + 30_000;
  while (seen.size < SERVERS && Date.now() < deadline) {
    watcher.messages.forEach((m) => seen.add(m.serverId));
    await sleep(200);
  }
  watcher.close();
  if (seen.size < SERVERS) throw new Error(`only ${seen.size} of ${SERVERS} servers reported`);

  const browser = await launchBrowser();
  // Navigation to a complete board, timed by the page itself (performance.now() counts from
  // navigation start). The first load has a cold cache, as a first visit; the others reload with
  // the hashed scripts cached, as a wall screen that is reloaded or a returning user.
  const loads: number[] = [];
  let page: Page | undefined;
  let wire: unknown;
  for (let i = 0; i < NAVIGATIONS; i++) {
    await page?.close();
    page = await browser.context.newPage();
    await page.setViewportSize({ width: WIDTH, height: HEIGHT });
    await page.addInitScript(watchForCompleteBoard, SERVERS);
    await page.goto(dashboard.url('/', 'http'));
    loads.push(
      Math.round(
        await page
          .waitForFunction(() => (window as BoardWatch).boardCompleteAt, undefined, { timeout: 30_000 })
          .then((h) => h.jsonValue() as Promise<number>),
      ),
    );
    if (i === 0) wire = await resourcesOnTheWire(page);
  }
  if (!page) throw new Error('NAVIGATIONS must be at least 1');

  await sleep(2_000); // let the first render and image decoding settle
  const cdp = process.env.PROFILE ? await browser.context.newCDPSession(page) : undefined;
  await cdp?.send('Profiler.enable');
  await cdp?.send('Profiler.start');
  const frames = await measureFrames(page, SECONDS);

  const profile = await cdp?.send('Profiler.stop');
  // The control: the same machine and load (dashboard, agents, other processes), a page that draws nothing.
  const blank = await browser.context.newPage();
  await blank.setViewportSize({ width: WIDTH, height: HEIGHT });
  const control = await measureFrames(blank, SECONDS);
  const results = join(ROOT, 'bench-results');
  mkdirSync(results, { recursive: true });
  if (profile) writeFileSync(join(results, 'console.cpuprofile'), JSON.stringify(profile.profile));

  const scripts = initialScripts();
  const result = {
    servers: SERVERS,
    viewport: `${WIDTH}x${HEIGHT}`,
    initialJs: { files: scripts, rawBytes: sum(scripts.map((s) => s.raw)), gzipBytes: sum(scripts.map((s) => s.gzip)) },
    wire,
    navigationToAllCardsMs: { coldCache: loads[0], warmCache: loads.slice(1), warmMedian: median(loads.slice(1)) },
    whileReporting: { seconds: SECONDS, messagesPerSecond: SERVERS / (REPORT_EVERY_MS / 1000), console: frames, blankPageControl: control },
  };
  console.log(JSON.stringify(result, null, 2));
  writeFileSync(join(results, 'console-perf.json'), JSON.stringify(result, null, 2));

  clearInterval(wander);
  agents.forEach((a) => a.stop());
  await browser.close();
  await dashboard.stop();
}

type BoardWatch = Window & { boardCompleteAt?: number };

/**
 * Runs in the page from its start (an init script) and sets `boardCompleteAt` to the time
 * (performance.now()) the browser presented the frame that drew the board complete. Complete: one
 * card per server in the page (each with its name link and status, so all are in find-in-page and
 * the tab order), and every card on screen in full with its bars, speeds and time. Cards the
 * browser skips off screen (content-visibility: auto) leave their details out until shown, so
 * those are not waited for.
 *
 * The page checks by itself at every animation frame, because a check sent from here runs only
 * when the page's main thread gets to it, behind whatever queued up. A check that passes at the
 * start of a frame does not say which frame drew the board, though: the change that completed it
 * (a long change detection) ran either in the previous frame's callbacks, so that frame drew it,
 * or in a task since, so this one does. The answer is the first Long Animation Frame whose style
 * and layout began after the last change to the page before the check passed (building 1,000
 * cards is always a long frame); its presentation time is the time (its end where Chromium does
 * not give one). Timing the passing check itself left out that frame's layout, paint and
 * presentation (a good part of a load: see README's Console section); timing the next task after it added whatever the
 * page did next (the browser's visibility events for 1,000 cards, building the cards just off screen).
 */
function watchForCompleteBoard(servers: number): void {
  type Frame = PerformanceEntry & { styleAndLayoutStart: number; presentationTime?: number };
  const frames: Frame[] = [];
  new PerformanceObserver((list) => frames.push(...(list.getEntries() as Frame[]))).observe({
    type: 'long-animation-frame',
    buffered: true,
  });
  let lastChange = 0;
  let passed: number | undefined;
  new MutationObserver(() => passed === undefined && (lastChange = performance.now())).observe(document, {
    childList: true,
    subtree: true,
  });

  const onScreen = (card: Element) => {
    const box = card.getBoundingClientRect();
    return box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
  };
  const check = () => {
    const cards = Array.from(document.querySelectorAll('sss-server-card'));
    if (cards.length < servers || !cards.every((card) => !onScreen(card) || card.querySelector('[role=meter]')))
      return requestAnimationFrame(check);
    const now = (passed = performance.now()); // not the callback's argument: that is when the frame was due, maybe long before
    // Long Animation Frame entries arrive some frames after their frame.
    setTimeout(() => {
      const drew = frames.find((f) => f.styleAndLayoutStart > lastChange && f.startTime < now);
      (window as BoardWatch).boardCompleteAt = drew ? (drew.presentationTime ?? drew.startTime + drew.duration) : now;
    }, 1000);
  };
  requestAnimationFrame(check);
}

/** Frame timing in `page` over `seconds`, from requestAnimationFrame gaps and Long Animation Frame entries. */
function measureFrames(page: Page, seconds: number) {
  return page.evaluate(async (seconds) => {
    // Long Animation Frames (> 50 ms), split into script and style/layout/paint time.
    const loaf: { duration: number; script: number; render: number }[] = [];
    const observer = new PerformanceObserver((list) =>
      list.getEntries().forEach((e) => {
        const entry = e as PerformanceEntry & { renderStart: number; scripts: { duration: number }[] };
        const end = e.startTime + e.duration;
        loaf.push({
          duration: e.duration,
          script: entry.scripts.reduce((sum, s) => sum + s.duration, 0),
          render: entry.renderStart ? end - entry.renderStart : 0,
        });
      }),
    );
    try {
      observer.observe({ type: 'long-animation-frame', buffered: false });
    } catch {
      // older Chromium: no LoAF entries, the rAF gaps still count
    }
    const gaps: number[] = [];
    await new Promise<void>((done) => {
      let last = performance.now();
      const end = last + seconds * 1000;
      const tick = (now: number) => {
        gaps.push(now - last);
        last = now;
        if (now < end) requestAnimationFrame(tick);
        else done();
      };
      requestAnimationFrame(tick);
    });
    observer.disconnect();
    const sorted = [...gaps].sort((a, b) => a - b);
    const interval = sorted[Math.floor(sorted.length / 2)];
    // A gap of 1.5 intervals or more means at least one frame was not produced.
    const dropped = gaps.reduce((sum, g) => sum + Math.max(0, Math.round(g / interval) - 1), 0);
    return {
      frames: gaps.length,
      medianFrameMs: interval,
      p99FrameMs: sorted[Math.floor(sorted.length * 0.99)],
      maxFrameMs: sorted[sorted.length - 1],
      droppedFrames: dropped,
      longAnimationFrames: loaf.length,
      longestAnimationFrameMs: Math.max(0, ...loaf.map((f) => f.duration)),
      longFramesScriptMs: Math.round(loaf.reduce((sum, f) => sum + f.script, 0)),
      longFramesRenderMs: Math.round(loaf.reduce((sum, f) => sum + f.render, 0)),
    };
  }, seconds);
}

const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
const median = (list: number[]) => (list.length ? [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] : undefined);

/** The scripts and the snapshot as they went over the wire on the page's load. */
function resourcesOnTheWire(page: Page) {
  return page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((r) => r.name.endsWith('.js') || r.name.includes('/api/'))
      .map((r) => ({
        name: r.name.split('/').pop(),
        transferSize: r.transferSize,
        encodedBodySize: r.encodedBodySize,
        decodedBodySize: r.decodedBodySize,
        responseEndMs: Math.round(r.responseEnd),
      })),
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
