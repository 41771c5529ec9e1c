import { BeforeApplicationShutdown, Inject, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { OnGatewayConnection, WebSocketGateway } from '@nestjs/websockets';
import { CloseCode, CloseReason, FRONTEND_PATH } from '@sss/contracts';
import { Log } from '@sss/log';
import type { IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Writable } from 'node:stream';
import type { Subscription } from 'rxjs';
import type { WebSocket } from 'ws';
import { BoardAccess } from '../../../../accounts';
import { HiddenServers } from '../../../../catalog';
import { DASHBOARD_CONFIG, type DashboardSettings } from '../../../../platform/config/dashboard-config';
import { LOG } from '../../../../platform/logging/log.token';
import { closeAll } from '../../../../platform/ws/close-all';
import { FleetFeed } from '../../../application/fleet-feed';
import { FleetStats } from '../../../application/fleet-stats';
import type { FleetServerState } from '../../../application/fleet-state';
import { WriteBatch } from './write-batch';

/** Inbound adapter for /ws-frontend: pushes every change of the fleet to every client. Socket errors are logged by the ws adapter. */
@WebSocketGateway({ path: FRONTEND_PATH })
export class FrontendGateway implements OnGatewayConnection, OnModuleInit, OnModuleDestroy, BeforeApplicationShutdown {
  /** Each open client with its TCP socket (the one ws writes to, for batching writes) and since when it is backed up. */
  private readonly clients = new Map<WebSocket, FrontendLink>();
  private readonly batch = new WriteBatch();
  private readonly log: Log;
  private readonly maxBuffered: number;
  private readonly maxBackedUpMs: number;
  private subscription?: Subscription;

  constructor(
    private readonly feed: FleetFeed,
    private readonly stats: FleetStats,
    private readonly access: BoardAccess,
    private readonly hidden: HiddenServers,
    @Inject(DASHBOARD_CONFIG) config: DashboardSettings,
    @Inject(LOG) log: Log,
  ) {
    this.log = log.child('FrontendGateway');
    this.maxBuffered = config.frontendMaxBufferedBytes;
    this.maxBackedUpMs = config.frontendMaxBackedUpSeconds * 1000;
  }

  onModuleInit(): void {
    this.subscription = this.feed.changes$.subscribe((update) => this.broadcast(update));
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  async beforeApplicationShutdown(): Promise<void> {
    const sockets = [...this.clients.keys()];
    this.clients.clear();
    await closeAll(sockets, CloseCode.GOING_AWAY, CloseReason.SHUTDOWN, 2_000);
  }

  async handleConnection(socket: WebSocket, req: IncomingMessage): Promise<void> {
    // A private board completes the upgrade and closes at once (PROTOCOL.md section 2); nothing is sent before.
    const viewer = await this.access.viewer(req);
    if (!viewer) return socket.close(CloseCode.POLICY_VIOLATION, CloseReason.AUTHENTICATION_REQUIRED);
    if (socket.readyState !== socket.OPEN) return;
    const link: FrontendLink = { tcp: req.socket, backedUpSince: 0, seesHidden: viewer.signedIn };
    this.clients.set(socket, link);
    this.stats.frontendConnected();
    socket.on('close', () => {
      this.clients.delete(socket);
      this.stats.frontendDisconnected();
    });
    const includes = (serverId: string) => link.seesHidden || !this.hidden.isHidden(serverId);
    for (const message of this.feed.snapshot(includes)) this.send(socket, link, message);
  }

  private broadcast(update: FleetServerState): void {
    // An exception escaping an RxJS subscriber would be rethrown asynchronously and kill the process.
    try {
      const timing = this.stats.timingBroadcasts;
      const start = timing ? performance.now() : 0;
      const frame = this.feed.message(update); // built once, the same bytes for every client
      const hidden = this.hidden.isHidden(update.serverId);
      for (const [socket, link] of this.clients) if (!hidden || link.seesHidden) this.send(socket, link, frame);
      if (timing) this.stats.broadcast((performance.now() - start) / 1000);
    } catch (err) {
      this.log.error('broadcast failed', { serverId: update.serverId, error: String(err) });
    }
  }

  private send(socket: WebSocket, link: FrontendLink, frame: Uint8Array): void {
    if (socket.readyState !== socket.OPEN) return;
    // Judged once per turn, before this turn's frames pile up in the corked socket:
    // a client is slow when frames of earlier turns are still unsent.
    if (this.batch.hold(link.tcp) && this.isSlow(socket, link)) {
      this.clients.delete(socket);
      this.log.warn('dropping slow frontend client', {
        buffered: socket.bufferedAmount,
        backedUpSeconds: Math.round((performance.now() - link.backedUpSince) / 1000),
      });
      socket.close(CloseCode.TRY_AGAIN_LATER, CloseReason.SLOW_CLIENT);
      // A client that does not read will not answer the close handshake either.
      setTimeout(() => socket.terminate(), 1_000).unref();
      return;
    }
    socket.send(frame, { binary: false });
  }

  /**
   * Over the byte bound, or backed up (earlier frames unsent at every turn
   * since) for longer than the time bound: a client that stopped reading is
   * dropped within the time bound even when reports are small.
   */
  private isSlow(socket: WebSocket, link: FrontendLink): boolean {
    const buffered = socket.bufferedAmount;
    if (buffered === 0) {
      link.backedUpSince = 0;
      return false;
    }
    const now = performance.now();
    if (!link.backedUpSince) link.backedUpSince = now;
    return buffered > this.maxBuffered || now - link.backedUpSince > this.maxBackedUpMs;
  }
}

interface FrontendLink {
  tcp: Writable;
  /** performance.now() when its unsent data was first seen at a turn's start; 0 while it keeps up. */
  backedUpSince: number;
  /** Signed in: also gets the servers an admin marked hidden. */
  seesHidden: boolean;
}
