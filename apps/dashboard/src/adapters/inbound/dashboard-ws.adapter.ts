import type { INestApplicationContext } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import type { WebSocketServer } from 'ws';

/**
 * Nest's ws adapter, configured for this protocol: frames are bare JSON
 * objects, not `{event, data}`, so the adapter's own parser is switched off
 * (the gateways read raw frames) and the size limit comes from config
 * (ws closes an oversized frame's connection with 1009 by itself).
 */
export class DashboardWsAdapter extends WsAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly maxPayload: number,
  ) {
    super(app, { messageParser: () => undefined });
  }

  /**
   * Without ws's client tracking: it keeps a Set of all sockets and gives each
   * a 'close' closure of its own (with ours, a listener list too), ~40,000
   * objects at 10,000 agents. The gateways track their sockets and close them
   * at shutdown (see `close` below).
   */
  override create(port: number, options: Record<string, unknown> & { path?: string } = {}) {
    return super.create(port, { ...options, maxPayload: this.maxPayload, clientTracking: false });
  }

  /** Nest's version terminates `server.clients`, which is not tracked; the gateways closed theirs already. */
  override async close(server: WebSocketServer): Promise<void> {
    await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  }

  /**
   * Nest would give every client a logging 'error' listener and a 'close'
   * callback feeding handleDisconnect: two closures, a context and two
   * listener lists per connection, ~50,000 objects at 10,000 agents for every
   * major garbage collection to mark. Our gateways listen to their own sockets'
   * 'error' and 'close' events instead and implement no handleDisconnect.
   */
  override bindErrorHandler(server: WebSocketServer): WebSocketServer {
    server.on('error', (err) => this.logger.error(err));
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
