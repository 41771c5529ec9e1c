import type { INestApplicationContext } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';

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

  override create(port: number, options: Record<string, unknown> & { path?: string } = {}) {
    return super.create(port, { ...options, maxPayload: this.maxPayload });
  }

  /**
   * Our gateways have no @SubscribeMessage handlers; skipping Nest's per-client
   * RxJS message pipeline saves an allocation chain per frame and per connection.
   */
  override bindMessageHandlers(...args: Parameters<WsAdapter['bindMessageHandlers']>): void {
    const [, handlers] = args;
    if (handlers.length > 0) super.bindMessageHandlers(...args);
  }
}
