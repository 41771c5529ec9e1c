import type { INestApplicationContext } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import type { Log } from '@sss/log';
import type { IncomingMessage } from 'node:http';
import type { WebSocket, WebSocketServer } from 'ws';

/**
 * Nest's ws adapter, configured for this protocol: frames are bare JSON
 * objects, not `{event, data}`, so the adapter's own parser is switched off
 * (the gateways read raw frames) and the size limit comes from config
 * (ws closes an oversized frame's connection with 1009 by itself).
 */
export class DashboardWsAdapter extends WsAdapter {
  private readonly log: Log;
  /** Each server's channel path, for its log lines. */
  private readonly paths = new WeakMap<WebSocketServer, string>();

  constructor(
    app: INestApplicationContext,
    private readonly maxPayload: number,
    log: Log,
  ) {
    super(app, { messageParser: () => undefined });
    this.log = log.child('WebSocket');
  }

  /**
   * Without ws's client tracking: it keeps a Set of all sockets and gives each
   * a 'close' closure of its own, objects per connection for every major
   * garbage collection to mark. The gateways track their sockets and close
   * them at shutdown (see `close` below).
   */
  override create(port: number, options: Record<string, unknown> & { path?: string } = {}) {
    const server = super.create(port, { ...options, maxPayload: this.maxPayload, clientTracking: false }) as WebSocketServer;
    this.paths.set(server, options.path ?? '/');
    return server;
  }

  /** Nest's version terminates `server.clients`, which is not tracked; the gateways closed theirs already. */
  override async close(server: WebSocketServer): Promise<void> {
    await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  }

  /**
   * Every socket gets one shared 'error' listener here, before its gateway
   * sees it: ws closes the connection itself after an error (1007, 1009...),
   * and an 'error' event without a listener would be thrown and end the
   * process. Nest would add a logging listener and a 'close' callback per
   * client (closures the gateways do not need: they implement no handleDisconnect).
   */
  override bindClientConnect(server: WebSocketServer, callback: (socket: WebSocket, req: IncomingMessage) => void): void {
    const log = this.log;
    const path = this.paths.get(server);
    function onError(this: WebSocket, err: Error): void {
      log.warn('socket error', { path, error: err.message });
    }
    server.on('connection', (socket: WebSocket, req: IncomingMessage) => {
      socket.on('error', onError);
      callback(socket, req);
    });
  }

  override bindErrorHandler(server: WebSocketServer): WebSocketServer {
    server.on('error', (err) => this.log.error('WebSocket server error', { error: err.message }));
    return server;
  }

  override bindClientDisconnect(): void {}

  /**
   * Our gateways have no @SubscribeMessage handlers; skipping Nest's per-client
   * RxJS message pipeline saves an allocation chain per frame and per connection.
   */
  override bindMessageHandlers(...args: Parameters<WsAdapter['bindMessageHandlers']>): void {
    const [, handlers] = args;
    if (handlers.length > 0) super.bindMessageHandlers(...args);
  }
}
