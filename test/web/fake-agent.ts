import { exampleServerInfo, type ServerInfo } from '@sss/contracts';
import type WebSocket from 'ws';
import { agentSocket } from '../support/ws-clients';

/**
 * A real `ws` agent for browser tests: reports every `intervalMs` and, like the
 * real agent, reconnects when the dashboard goes away.
 */
export class FakeAgent {
  private ws?: WebSocket;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  /** While false the agent stays connected but sends nothing (a hung host). */
  reporting = true;

  constructor(
    private readonly url: string,
    private readonly secret: string,
    /** The report it sends; change fields to change what the page should show. */
    readonly info: ServerInfo,
    private readonly intervalMs = 500,
  ) {}

  static for(url: string, secret: string, overrides: Partial<ServerInfo>): FakeAgent {
    return new FakeAgent(url, secret, exampleServerInfo(overrides));
  }

  start(): this {
    const ws = agentSocket(this.url, this.info.serverId, this.secret);
    this.ws = ws;
    ws.on('error', () => undefined); // a refused connection ends in 'close', handled there
    ws.on('open', () => {
      this.send();
      this.timer = setInterval(() => this.send(), this.intervalMs);
    });
    ws.on('close', () => {
      clearInterval(this.timer);
      if (!this.stopped) setTimeout(() => this.stopped || this.start(), 300);
    });
    return this;
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.ws?.terminate();
  }

  private send(): void {
    if (!this.reporting || this.ws?.readyState !== this.ws?.OPEN) return;
    this.ws!.send(JSON.stringify({ ...this.info, timestamp: Math.floor(Date.now() / 1000) }));
  }
}
