import { BeforeApplicationShutdown, Inject, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { OnGatewayConnection, WebSocketGateway } from '@nestjs/websockets';
import { AUTH_SECRET_HEADER, CloseCode, CloseReason, Limits, REPORT_PATH, SERVER_ID_HEADER } from '@sss/contracts';
import { Log, RateLimiter } from '@sss/log';
import type { IncomingMessage } from 'node:http';
import type { RawData, WebSocket } from 'ws';
import { ReportIntake } from '../../application/report-intake';
import { SERVER_CATALOG, type CatalogEntry, type ServerCatalog } from '../../application/ports/server-catalog.port';
import { DASHBOARD_CONFIG, type DashboardSettings } from '../../config/dashboard-config';
import { ServerRegistry } from '../../domain/server-registry';
import { LOG } from '../../logging/log.token';
import { closeAll } from './close-all';

interface AgentConnection {
  server: CatalogEntry;
  socket: WebSocket;
  remote: string;
  lastActivity: number;
}

/** Inbound adapter for /ws-report: authenticates agents and feeds their frames to ReportIntake. */
@WebSocketGateway({ path: REPORT_PATH })
export class ReportGateway implements OnGatewayConnection, OnModuleInit, OnModuleDestroy, BeforeApplicationShutdown {
  /** The current connection per server id; a newer one replaces it. */
  private readonly agents = new Map<string, AgentConnection>();
  /** Every open agent socket's connection, for the shared listeners below. */
  private readonly bySocket = new Map<WebSocket, AgentConnection>();
  /**
   * One set of listeners for all sockets (`this` is the socket) instead of
   * three closures per connection: at 10,000 agents that is 40,000 fewer
   * objects for every major garbage collection to mark.
   */
  private readonly listeners = ((gateway: ReportGateway) => ({
    message(this: WebSocket, data: RawData, isBinary: boolean): void {
      const conn = gateway.bySocket.get(this);
      if (conn) gateway.onMessage(conn, data, isBinary);
    },
    ping(this: WebSocket): void {
      const conn = gateway.bySocket.get(this);
      if (conn) conn.lastActivity = Date.now();
    },
    close(this: WebSocket, code: number): void {
      const conn = gateway.bySocket.get(this);
      if (conn) gateway.onClose(conn, code);
    },
    // ws closes the connection itself after an error (e.g. 1009, 1007); without a listener it would be thrown.
    error(this: WebSocket, err: Error): void {
      gateway.log.warn('agent socket error', { serverId: gateway.bySocket.get(this)?.server.id ?? null, error: err.message });
    },
  }))(this);
  private readonly warnings = new RateLimiter(10_000);
  private readonly log: Log;
  private readonly idleMs: number;
  private idleTimer?: NodeJS.Timeout;

  constructor(
    @Inject(SERVER_CATALOG) private readonly catalog: ServerCatalog,
    private readonly intake: ReportIntake,
    private readonly registry: ServerRegistry,
    @Inject(DASHBOARD_CONFIG) config: DashboardSettings,
    @Inject(LOG) log: Log,
  ) {
    this.log = log.child('ReportGateway');
    this.idleMs = config.idleTimeoutSeconds * 1000;
  }

  onModuleInit(): void {
    // One timer for all connections instead of one per socket.
    const every = Math.max(100, Math.min(this.idleMs / 4, 5_000));
    this.idleTimer = setInterval(() => this.closeIdle(), every);
    this.idleTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.idleTimer);
  }

  async beforeApplicationShutdown(): Promise<void> {
    const sockets = [...this.agents.values()].map((a) => a.socket);
    this.agents.clear();
    await closeAll(sockets, CloseCode.GOING_AWAY, CloseReason.SHUTDOWN, 2_000);
  }

  handleConnection(socket: WebSocket, req: IncomingMessage): void {
    socket.on('error', this.listeners.error);
    const claimedId = headerValue(req, SERVER_ID_HEADER);
    const remote = req.socket.remoteAddress ?? 'unknown';
    const server = this.catalog.authenticate(claimedId, headerValue(req, AUTH_SECRET_HEADER));
    if (!server) {
      this.log.warn('agent authentication failed', { remote, claimedId: claimedId?.slice(0, Limits.ID_MAX_LENGTH) ?? null });
      socket.close(CloseCode.POLICY_VIOLATION, CloseReason.AUTH_FAILED);
      return;
    }
    const conn: AgentConnection = { server, socket, remote, lastActivity: Date.now() };
    const previous = this.agents.get(server.id);
    this.agents.set(server.id, conn);
    if (previous) {
      this.log.info('agent connection replaced', { serverId: server.id, remote, previous: previous.remote });
      previous.socket.close(CloseCode.NORMAL, CloseReason.REPLACED);
    } else {
      this.log.info('agent connected', { serverId: server.id, remote });
    }
    this.bySocket.set(socket, conn);
    socket.on('message', this.listeners.message);
    socket.on('ping', this.listeners.ping);
    socket.on('close', this.listeners.close);
  }

  private onMessage(conn: AgentConnection, data: RawData, isBinary: boolean): void {
    if (this.agents.get(conn.server.id) !== conn) return; // replaced: its late frames are stale
    conn.lastActivity = Date.now();
    const { socket, server } = conn;
    if (isBinary) {
      this.log.warn('binary frame from agent', { serverId: server.id });
      socket.close(CloseCode.UNSUPPORTED_DATA, CloseReason.BINARY);
      return;
    }
    try {
      const result = this.intake.accept(server, data.toString());
      if (result.kind === 'invalid') {
        this.warnRateLimited(server.id, 'invalid report dropped', { errors: result.errors.slice(0, 10) });
      } else if (result.kind === 'id-mismatch') {
        this.log.warn('report serverId differs from X-SERVER-ID', {
          serverId: server.id,
          bodyId: result.bodyId.slice(0, Limits.ID_MAX_LENGTH),
        });
        socket.close(CloseCode.POLICY_VIOLATION, CloseReason.ID_MISMATCH);
      }
    } catch (err) {
      this.log.error('unexpected error while handling a report', { serverId: server.id, error: String(err) });
      socket.close(CloseCode.INTERNAL_ERROR, CloseReason.INTERNAL);
    }
  }

  private onClose(conn: AgentConnection, code: number): void {
    this.bySocket.delete(conn.socket);
    if (this.agents.get(conn.server.id) !== conn) return;
    this.agents.delete(conn.server.id);
    this.log.info('agent disconnected', { serverId: conn.server.id, code });
    this.registry.disconnected(conn.server.id);
  }

  private closeIdle(): void {
    const cutoff = Date.now() - this.idleMs;
    for (const conn of this.agents.values()) {
      if (conn.lastActivity < cutoff && conn.socket.readyState === conn.socket.OPEN) {
        this.log.info('closing idle agent connection', { serverId: conn.server.id });
        conn.socket.close(CloseCode.NORMAL, CloseReason.IDLE);
      }
    }
  }

  private warnRateLimited(serverId: string, msg: string, fields: Record<string, unknown>): void {
    const suppressed = this.warnings.take(`${serverId}:${msg}`);
    if (suppressed >= 0) this.log.warn(msg, { serverId, ...fields, ...(suppressed ? { suppressed } : {}) });
  }
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
