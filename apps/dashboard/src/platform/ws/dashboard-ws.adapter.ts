import type { INestApplicationContext } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import { RateLimiter, type Log } from '@sss/log';
import type { IncomingMessage } from 'node:http';
import type { VerifyClientCallbackAsync, WebSocket, WebSocketServer } from 'ws';
import type { ClientAddress } from '../http/client-address';
import type { UpgradeVerifier } from './upgrade-verifier';

/**
 * Nest's ws adapter, configured for this protocol: frames are bare JSON
 * objects, not `{event, data}`, so the adapter's own parser is switched off
 * (the gateways read raw frames) and the size limit comes from config
 * (ws closes an oversized frame's connection with 1009 by itself). A channel
 * may have a verifier that refuses an upgrade with an HTTP status before it is
 * answered; refusals are logged once per address and reason every 10 s, the
 * repeats counted.
 */
export class DashboardWsAdapter extends WsAdapter {
  private readonly log: Log;
  /** Each server's channel path, for its log lines. */
  private readonly paths = new WeakMap<WebSocketServer, string>();
  private readonly refusals = new RateLimiter(10_000);

  constructor(
    app: INestApplicationContext,
    private readonly maxPayload: number,
    log: Log,
    private readonly clientAddress: ClientAddress,
    private readonly verifiers: Record<string, UpgradeVerifier> = {},
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
    const path = options.path ?? '/';
    const verifier = this.verifiers[path];
    const verifyClient = verifier && this.verifyWith(path, verifier);
    const server = super.create(port, { ...options, maxPayload: this.maxPayload, clientTracking: false, verifyClient }) as WebSocketServer;
    this.paths.set(server, path);
    return server;
  }

  private verifyWith(path: string, verifier: UpgradeVerifier): VerifyClientCallbackAsync {
    return ({ req }, answer) => {
      const refusal = verifier(req);
      if (!refusal) return answer(true);
      const remote = this.clientAddress.of(req);
      const suppressed = this.refusals.take(`${remote} ${path} ${refusal.reason}`);
      if (suppressed >= 0) this.log.warn('upgrade refused', { path, remote, ...refusal, ...(suppressed ? { suppressed } : {}) });
      answer(false, refusal.status, refusal.reason);
    };
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
