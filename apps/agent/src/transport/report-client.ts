import { rootCertificates } from 'node:tls';
import {
  AGENT_PING_INTERVAL_MS,
  AGENT_PONG_TIMEOUT_MS,
  CloseCode,
  type EnrolledMessage,
  SERVER_ID_HEADER,
  type ServerInfo,
} from '@sss/contracts/constants';
import type { Log } from '@sss/log';
import WebSocket, { type RawData } from 'ws';
import type { AgentCredentials } from './agent-credentials';
import { Backoff } from './backoff';
import { proxyFor, tunnelThrough } from './proxy-tunnel';
import { redactedUrl } from './redacted-url';

export interface ReportClientOptions {
  /** `ws(s)://HOST:PORT/ws-report`. */
  url: string;
  serverId: string;
  credentials: AgentCredentials;
  log: Log;
  /** CA certificates (PEM) trusted for wss:// besides the built-in ones. */
  ca?: Buffer;
  /** Where HTTP(S)_PROXY and NO_PROXY are read from. */
  env?: NodeJS.ProcessEnv;
  pingIntervalMs?: number;
  pongTimeoutMs?: number;
  handshakeTimeoutMs?: number;
  backoff?: Backoff;
  /** How long stop() waits for the dashboard to acknowledge the close. */
  closeTimeoutMs?: number;
}

/**
 * One connection to /ws-report, kept up for the life of the agent: reconnects
 * with backoff, pings to detect a dead link, and keeps only the latest report
 * while disconnected, which a new connection sends at once (even if the
 * dropped connection may have delivered it: reports are idempotent).
 *
 * A connection counts as accepted (logged `connected`, backoff reset) once the
 * dashboard answered the ping sent right after its first report: a dashboard
 * that refuses an agent closes with 1008 straight after the upgrade, so its
 * close frame comes before any pong, and the refusal is one error line.
 */
export class ReportClient {
  private ws?: WebSocket;
  /** The latest report, sent or not: what a new connection sends first. */
  private latest?: string;
  private stopping = false;
  /** This connection has sent a report (and the ping that asks whether it was kept). */
  private delivered = false;
  private accepted = false;
  private lastError?: string;
  private retryTimer?: NodeJS.Timeout;
  private pingTimer?: NodeJS.Timeout;
  private pongTimer?: NodeJS.Timeout;
  private readonly backoff: Backoff;
  private readonly log: Log;

  constructor(private readonly options: ReportClientOptions) {
    this.backoff = options.backoff ?? new Backoff();
    this.log = options.log;
  }

  start(): void {
    this.connect();
  }

  /** Sends now when connected; otherwise it waits for the next connection, replacing any older one. */
  publish(report: ServerInfo): void {
    this.latest = JSON.stringify(report);
    if (this.ws?.readyState === WebSocket.OPEN) this.send(this.ws, this.latest);
  }

  /** Closes with 1001 and resolves once closed (or after closeTimeoutMs); never reconnects afterwards. */
  stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.retryTimer);
    const ws = this.ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      ws.once('close', () => resolve());
      if (ws.readyState !== WebSocket.OPEN) return ws.terminate();
      ws.close(CloseCode.GOING_AWAY, 'agent shutting down');
      setTimeout(() => ws.terminate(), this.options.closeTimeoutMs ?? 2_000).unref();
    });
  }

  private connect(): void {
    const url = new URL(this.options.url);
    const handshakeTimeout = this.options.handshakeTimeoutMs ?? 10_000;
    const proxy = proxyFor(url, this.options.env ?? process.env);
    let credentials: Record<string, string>;
    try {
      credentials = this.options.credentials.headers();
    } catch (err) {
      const delay = this.backoff.next();
      this.log.error('cannot read the credentials', { error: (err as Error).message, retryInSeconds: Math.round(delay / 100) / 10 });
      this.retryTimer = setTimeout(() => this.connect(), delay);
      return;
    }
    const ws = new WebSocket(url, {
      headers: { ...credentials, [SERVER_ID_HEADER.toUpperCase()]: this.options.serverId },
      handshakeTimeout,
      ca: this.options.ca ? [...rootCertificates, this.options.ca.toString()] : undefined,
      perMessageDeflate: false, // 2 KB every few seconds: not worth a zlib context's memory
      createConnection: proxy ? (tunnelThrough(proxy, url.protocol === 'wss:', handshakeTimeout) as never) : undefined,
    });
    this.ws = ws;
    this.delivered = false;
    this.accepted = false;
    this.lastError = undefined;

    ws.on('open', () => {
      this.pingTimer = setInterval(() => this.ping(ws), this.options.pingIntervalMs ?? AGENT_PING_INTERVAL_MS);
      if (this.latest !== undefined) this.send(ws, this.latest); // the first report, right away
    });
    ws.on('pong', () => {
      clearTimeout(this.pongTimer);
      this.pongTimer = undefined;
      if (this.delivered && !this.accepted) {
        this.accepted = true;
        this.backoff.reset();
        const server = redactedUrl(this.options.url);
        this.log.info('connected', proxy ? { server, via: proxy.host } : { server });
      }
    });
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('error', (err) => (this.lastError = err.message)); // 'close' follows and reports it
    ws.on('close', (code, reasonBuffer) => this.onClose(ws, code, reasonBuffer.toString()));
  }

  /** The one message a dashboard sends an agent: the secret it was enrolled with. Anything else is ignored. */
  private onMessage(data: RawData, isBinary: boolean): void {
    if (isBinary || !this.options.credentials.enrolling) return;
    let message: Partial<EnrolledMessage>;
    try {
      message = JSON.parse((data as Buffer).toString()) as Partial<EnrolledMessage>;
    } catch {
      return;
    }
    if (
      message?.type === 'enrolled' &&
      message.serverId === this.options.serverId &&
      typeof message.secret === 'string' &&
      message.secret
    ) {
      this.options.credentials.enrolled(message.secret);
    }
  }

  private send(ws: WebSocket, text: string): void {
    ws.send(text);
    if (!this.delivered) {
      this.delivered = true;
      // An auth failure closes before answering; a pong means the dashboard kept us.
      this.ping(ws);
    }
  }

  /** Pings; the first unanswered ping arms the pong deadline. */
  private ping(ws: WebSocket): void {
    if (!this.pongTimer) {
      const timeoutMs = this.options.pongTimeoutMs ?? AGENT_PONG_TIMEOUT_MS;
      this.pongTimer = setTimeout(() => {
        this.log.warn('no pong from the dashboard; reconnecting', { timeoutSeconds: timeoutMs / 1000 });
        ws.terminate();
      }, timeoutMs);
    }
    ws.ping();
  }

  private onClose(ws: WebSocket, code: number, reason: string): void {
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
    this.pongTimer = undefined;
    if (this.ws === ws) this.ws = undefined;
    if (this.stopping) return;
    const delay = this.backoff.next();
    const fields = {
      code,
      ...(reason && { reason }),
      ...(this.lastError && { error: this.lastError }),
      retryInSeconds: Math.round(delay / 100) / 10,
    };
    if (code === CloseCode.POLICY_VIOLATION) {
      this.log.error('dashboard refused this agent', {
        ...fields,
        id: this.options.serverId,
        hint: this.options.credentials.refusalHint,
      });
    } else {
      // Never accepted: the connection did not work, so it is not reported as a disconnect.
      this.log.warn(this.accepted ? 'disconnected' : 'connection failed', fields);
    }
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }
}
