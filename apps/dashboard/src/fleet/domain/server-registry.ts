import type { TransitionCause } from '@sss/contracts';
import { Observable, Subject } from 'rxjs';
import type { Clock } from './clock';

/**
 * What the registry knows of one server. A live view: the registry updates it
 * in place with every report, so read it when it is emitted or snapshotted,
 * and copy what you keep.
 */
export interface ServerState<Report> {
  readonly serverId: string;
  readonly online: boolean;
  /** Unix time in milliseconds of the last accepted report. */
  readonly lastSeen: number;
  /** The latest accepted report, as whoever stored it keeps it: the registry never looks inside. */
  readonly report: Report;
}

/** A server went online or offline, and why. */
export interface OnlineTransition {
  serverId: string;
  online: boolean;
  /** Unix milliseconds. */
  at: number;
  cause: TransitionCause;
  /** Set when another replica decided it (its report or its offline event, applied here): that replica records it. */
  remote?: true;
}

class ServerEntry<Report> implements ServerState<Report> {
  online = false;
  lastSeen = 0;

  constructor(
    readonly serverId: string,
    public report: Report,
  ) {}
}

/**
 * The live state of the fleet: the latest report per server id, when it
 * arrived and whether the server counts as online. Every change is emitted on
 * `changes$`. A report is an opaque handle (`Report`): the registry decides
 * liveness, not content, so how reports are kept stays outside the domain.
 */
export class ServerRegistry<Report> {
  private readonly servers = new Map<string, ServerEntry<Report>>();
  private readonly changes = new Subject<ServerState<Report>>();
  readonly changes$: Observable<ServerState<Report>> = this.changes.asObservable();
  private readonly transitions = new Subject<OnlineTransition>();
  /** Every online/offline change with its cause: what uptime is computed from. */
  readonly transitions$: Observable<OnlineTransition> = this.transitions.asObservable();

  constructor(
    private readonly offlineAfterMs: number,
    private readonly clock: Clock,
  ) {}

  /** Stores an accepted report; the server is online as of now. */
  report(serverId: string, report: Report): ServerState<Report> {
    return this.update(serverId, report, this.clock.now(), false);
  }

  /** Another replica accepted a report at `at` (Unix ms): the same change as a local one, its transition marked remote. */
  remoteReport(serverId: string, report: Report, at: number): ServerState<Report> {
    return this.update(serverId, report, at, true);
  }

  /**
   * A server known from before a restart: its last report, offline until it
   * reports again. Nothing is emitted; a server already reporting is left alone.
   */
  restore(serverId: string, report: Report, lastSeen: number): void {
    if (this.servers.has(serverId)) return;
    const entry = new ServerEntry(serverId, report);
    entry.lastSeen = lastSeen;
    this.servers.set(serverId, entry);
  }

  /** The server's connection is gone: it is offline now, not after the threshold. */
  disconnected(serverId: string): void {
    this.markOffline(serverId, 'connection-lost');
  }

  /**
   * The dashboard stops: the servers whose agents it holds (`serverIds`) go
   * offline for that reason, not because their agents failed. Servers that
   * report to other replicas are theirs to judge.
   */
  shutdown(serverIds: Iterable<string>): void {
    for (const id of serverIds) this.markOffline(id, 'dashboard-restart');
  }

  /** Another replica saw the server go offline at `at`, for `cause`; marked remote. */
  remoteOffline(serverId: string, at: number, cause: TransitionCause): void {
    this.markOffline(serverId, cause, at, true);
  }

  /** Marks every server silent for longer than the threshold offline. Call it periodically. */
  sweep(): void {
    const cutoff = this.clock.now() - this.offlineAfterMs;
    for (const [id, server] of this.servers) {
      if (server.online && server.lastSeen < cutoff) this.markOffline(id, 'silence');
    }
  }

  /** A server removed from the catalog: no longer known. */
  forget(serverId: string): void {
    this.servers.delete(serverId);
  }

  snapshot(): ServerState<Report>[] {
    return [...this.servers.values()];
  }

  get(serverId: string): ServerState<Report> | undefined {
    return this.servers.get(serverId);
  }

  private update(serverId: string, report: Report, at: number, remote: boolean): ServerState<Report> {
    let entry = this.servers.get(serverId);
    if (entry) entry.report = report;
    else this.servers.set(serverId, (entry = new ServerEntry(serverId, report)));
    entry.lastSeen = at;
    if (!entry.online) {
      entry.online = true;
      this.transitions.next(transition(serverId, true, at, 'report', remote));
    }
    this.changes.next(entry);
    return entry;
  }

  private markOffline(serverId: string, cause: TransitionCause, at = this.clock.now(), remote = false): void {
    const server = this.servers.get(serverId);
    if (!server || !server.online) return;
    server.online = false;
    this.transitions.next(transition(serverId, false, at, cause, remote));
    this.changes.next(server);
  }
}

function transition(serverId: string, online: boolean, at: number, cause: TransitionCause, remote: boolean): OnlineTransition {
  return remote ? { serverId, online, at, cause, remote: true } : { serverId, online, at, cause };
}
