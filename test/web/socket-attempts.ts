import type { Page } from 'playwright-core';
import { sleep } from '../support/ws-clients';

/** One WebSocket a page opened, as Chromium saw it. Times are ms on the browser's monotonic clock. */
export interface SocketAttempt {
  url: string;
  /** When it first reached the network: it sent its handshake or failed to connect. */
  began?: number;
  /** Whether the server accepted the upgrade. */
  opened: boolean;
  /** When it closed, refused or after an open. */
  ended?: number;
}

interface Timed {
  requestId: string;
  timestamp: number;
}

/**
 * Every WebSocket a page opens, with its times, recorded through the DevTools
 * protocol: the page runs unchanged, and the times come from the browser's own
 * clock, not from when the events reached the test.
 */
export class SocketAttempts {
  /** In the order the page created them. */
  readonly list: SocketAttempt[] = [];
  private readonly byId = new Map<string, SocketAttempt>();

  private constructor() {}

  /** Starts recording `page`'s WebSockets; call before the page opens the ones a test is about. */
  static async watch(page: Page): Promise<SocketAttempts> {
    const attempts = new SocketAttempts();
    const cdp = await page.context().newCDPSession(page);
    cdp.on('Network.webSocketCreated', ({ requestId, url }) => {
      const attempt: SocketAttempt = { url, opened: false };
      attempts.byId.set(requestId, attempt);
      attempts.list.push(attempt);
    });
    const began = ({ requestId, timestamp }: Timed) => {
      const attempt = attempts.byId.get(requestId);
      if (attempt && attempt.began === undefined) attempt.began = timestamp * 1000;
    };
    cdp.on('Network.webSocketWillSendHandshakeRequest', began);
    cdp.on('Network.webSocketFrameError', began);
    cdp.on('Network.webSocketHandshakeResponseReceived', (event) => {
      const attempt = attempts.byId.get(event.requestId);
      if (attempt) attempt.opened = event.response.status === 101;
    });
    cdp.on('Network.webSocketClosed', (event) => {
      began(event);
      const attempt = attempts.byId.get(event.requestId);
      if (attempt) attempt.ended = event.timestamp * 1000;
    });
    await cdp.send('Network.enable');
    return attempts;
  }

  /** Waits until `done` holds for the attempts from `from` on; fails with what it saw after `timeoutMs`. */
  async waitFor(from: number, done: (attempts: SocketAttempt[]) => boolean, timeoutMs: number): Promise<SocketAttempt[]> {
    const deadline = Date.now() + timeoutMs;
    while (!done(this.list.slice(from))) {
      if (Date.now() > deadline) throw new Error(`gave up waiting; the page's WebSockets: ${JSON.stringify(this.list.slice(from))}`);
      await sleep(50);
    }
    return this.list.slice(from);
  }
}

/** The wait before each attempt after the first: from the close of the one before to its own start. */
export function retryDelays(attempts: SocketAttempt[]): number[] {
  return attempts.slice(1).map((attempt, i) => Math.round(attempt.began! - attempts[i].ended!));
}
