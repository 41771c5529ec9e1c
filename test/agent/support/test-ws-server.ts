import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer, type ServerOptions } from 'ws';
import { Waiters } from './waiters';

export interface Connection {
  ws: WebSocket;
  headers: IncomingMessage['headers'];
  at: number;
  messages: string[];
  pings: number[];
  closed: Promise<{ code: number; reason: string }>;
}

/** A real `ws` server on a loopback port that records what agents do. */
export class TestWsServer {
  readonly connections: Connection[] = [];
  private readonly waiters = new Waiters();

  private constructor(readonly wss: WebSocketServer) {
    wss.on('connection', (ws, req) => {
      const conn: Connection = {
        ws,
        headers: req.headers,
        at: Date.now(),
        messages: [],
        pings: [],
        closed: new Promise((res) => ws.once('close', (code, reason) => res({ code, reason: reason.toString() }))),
      };
      ws.on('message', (data) => {
        conn.messages.push((data as Buffer).toString()); // a server's binaryType is 'nodebuffer'
        this.waiters.notify();
      });
      ws.on('ping', () => {
        conn.pings.push(Date.now());
        this.waiters.notify();
      });
      this.connections.push(conn);
      this.waiters.notify();
    });
  }

  static async start(options: ServerOptions = {}): Promise<TestWsServer> {
    const wss = new WebSocketServer(options.server ? options : { host: '127.0.0.1', port: 0, ...options });
    if (!options.server) await once(wss, 'listening');
    return new TestWsServer(wss);
  }

  get port(): number {
    return (this.wss.address() as AddressInfo).port;
  }

  url(scheme = 'ws'): string {
    return `${scheme}://127.0.0.1:${this.port}/ws-report`;
  }

  /** Resolves once `check` holds, re-checked on every connection, message and ping. */
  until<T>(check: () => T | undefined | false, timeoutMs = 10_000, what = 'condition'): Promise<T> {
    return this.waiters.until(check, timeoutMs, what);
  }

  /** Connection number `index` once it has received `count` messages. */
  withMessages(index: number, count = 1, timeoutMs = 10_000): Promise<Connection> {
    return this.withReceived(index, 'messages', count, timeoutMs);
  }

  /** Connection number `index` once it has received `count` pings. */
  withPings(index: number, count = 1, timeoutMs = 10_000): Promise<Connection> {
    return this.withReceived(index, 'pings', count, timeoutMs);
  }

  private withReceived(index: number, what: 'messages' | 'pings', count: number, timeoutMs: number): Promise<Connection> {
    return this.until(
      () => {
        const c = this.connections[index];
        return c && c[what].length >= count ? c : undefined;
      },
      timeoutMs,
      `${count} ${what} on connection ${index}`,
    );
  }

  async close(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    await new Promise((res) => this.wss.close(() => res(undefined)));
  }
}
