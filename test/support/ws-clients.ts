import { AUTH_SECRET_HEADER, SERVER_ID_HEADER, type ServerUpdate } from '@sss/contracts';
import WebSocket, { type RawData } from 'ws';

export interface Closed {
  code: number;
  reason: string;
}

/** A real agent-side socket with the protocol's auth headers (omit one by passing undefined). */
export function agentSocket(url: string, id: string | undefined, secret: string | undefined): WebSocket {
  const headers: Record<string, string> = {};
  if (id !== undefined) headers[SERVER_ID_HEADER] = id;
  if (secret !== undefined) headers[AUTH_SECRET_HEADER] = secret;
  return new WebSocket(url, { headers });
}

/**
 * How the dashboard answered an upgrade: 101 once the socket opened (it is
 * then closed), else the HTTP status it refused it with. `options` are ws
 * client options (headers, origin, localAddress...).
 */
export function upgradeStatus(url: string, options: WebSocket.ClientOptions = {}): Promise<number> {
  const ws = new WebSocket(url, options);
  return withTimeout(
    new Promise<number>((res, rej) => {
      ws.once('open', () => {
        ws.terminate();
        res(101);
      });
      ws.once('unexpected-response', (_req, response) => {
        res(response.statusCode ?? 0);
        ws.terminate();
      });
      ws.once('error', (err) => rej(err));
    }),
    15_000,
    `the upgrade of ${url}`,
  );
}

export function opened(ws: WebSocket): Promise<void> {
  if (ws.readyState === WebSocket.OPEN) return Promise.resolve();
  return new Promise((res, rej) => {
    ws.once('open', () => res());
    ws.once('error', rej);
  });
}

export function closed(ws: WebSocket, timeoutMs = 5_000): Promise<Closed> {
  return withTimeout(
    new Promise((res) => ws.once('close', (code, reason) => res({ code, reason: reason.toString() }))),
    timeoutMs,
    'close',
  );
}

/** A frontend client that records every message it receives. */
export class FrontendClient {
  readonly messages: ServerUpdate[] = [];
  readonly ws: WebSocket;
  private waiters: Array<() => void> = [];

  /** `options`: ws client options, e.g. a session cookie in `headers`. */
  constructor(url: string, options: WebSocket.ClientOptions = {}) {
    this.ws = new WebSocket(url, options);
    this.ws.on('message', (data) => {
      this.messages.push(JSON.parse(textOf(data)) as ServerUpdate);
      this.waiters.forEach((w) => w());
    });
  }

  async open(): Promise<this> {
    await opened(this.ws);
    return this;
  }

  /** Resolves with the first message (received so far or later) matching `predicate`. */
  waitFor(predicate: (m: ServerUpdate) => boolean, timeoutMs = 5_000): Promise<ServerUpdate> {
    const found = this.messages.find(predicate);
    if (found) return Promise.resolve(found);
    return withTimeout(
      new Promise((res) => {
        const check = () => {
          const m = this.messages.find(predicate);
          if (m) {
            this.waiters = this.waiters.filter((w) => w !== check);
            res(m);
          }
        };
        this.waiters.push(check);
      }),
      timeoutMs,
      'frontend message',
    );
  }

  close(): void {
    this.ws.terminate();
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>(
    (_, rej) => (timer = setTimeout(() => rej(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)),
  );
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A received message's text (ws hands over a Buffer unless the socket's binaryType says otherwise). */
export function textOf(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString();
  if (Array.isArray(data)) return Buffer.concat(data).toString();
  return Buffer.from(data).toString();
}

export const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

/** Resolves with the first answer of `read` that `ok` accepts, asking again until the deadline. */
export async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await sleep(200);
  }
}
