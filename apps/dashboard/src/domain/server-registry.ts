import { Observable, Subject } from 'rxjs';
import type { Clock } from './clock';

/** What the registry knows of one server. */
export interface ServerState {
  readonly serverId: string;
  /**
   * The latest accepted report (a ServerInfo) as JSON text, encoded once by
   * the application. Opaque here: the registry decides liveness, not content.
   * One flat string per server instead of a tree of ~25 objects: the garbage
   * collector marks a string in one step, and with 10,000 servers the
   * retained trees made major collections long enough to set the p99.
   */
  readonly report: string;
  readonly online: boolean;
  /** Unix time in milliseconds of the last accepted report. */
  readonly lastSeen: number;
}

/**
 * The live state of the fleet: the latest report per server id, when it
 * arrived and whether the server counts as online. Every change is emitted on
 * `changes$`.
 */
export class ServerRegistry {
  private readonly servers = new Map<string, ServerState>();
  private readonly changes = new Subject<ServerState>();
  readonly changes$: Observable<ServerState> = this.changes.asObservable();

  constructor(
    private readonly offlineAfterMs: number,
    private readonly clock: Clock,
  ) {}

  /** Stores an accepted report; the server is online as of now. */
  report(serverId: string, report: string): ServerState {
    const state: ServerState = { serverId, report, online: true, lastSeen: this.clock.now() };
    this.servers.set(serverId, state);
    this.changes.next(state);
    return state;
  }

  /** The server's connection is gone: it is offline now, not after the threshold. */
  disconnected(serverId: string): void {
    this.markOffline(serverId);
  }

  /** Marks every server silent for longer than the threshold offline. Call it periodically. */
  sweep(): void {
    const cutoff = this.clock.now() - this.offlineAfterMs;
    for (const [id, server] of this.servers) {
      if (server.online && server.lastSeen < cutoff) this.markOffline(id);
    }
  }

  snapshot(): ServerState[] {
    return [...this.servers.values()];
  }

  get(serverId: string): ServerState | undefined {
    return this.servers.get(serverId);
  }

  private markOffline(serverId: string): void {
    const server = this.servers.get(serverId);
    if (!server || !server.online) return;
    const state: ServerState = { ...server, online: false };
    this.servers.set(serverId, state);
    this.changes.next(state);
  }
}
