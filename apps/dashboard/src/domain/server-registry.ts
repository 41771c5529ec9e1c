import { Observable, Subject } from 'rxjs';
import type { Clock } from './clock';

/**
 * What the registry knows of one server. A live view: the registry updates it
 * in place with every report, so read it when it is emitted or snapshotted,
 * and copy what you keep.
 */
export interface ServerState {
  readonly serverId: string;
  readonly online: boolean;
  /** Unix time in milliseconds of the last accepted report. */
  readonly lastSeen: number;
  /** Byte length of the latest report (UTF-8 JSON text of a ServerInfo). */
  readonly reportLength: number;
  /** Copies bytes [0, end) of the latest report into `target` at `targetStart`. */
  copyReport(target: Buffer, targetStart: number, end: number): void;
  /** The latest report as text (for tests and diagnostics; the hot path copies bytes). */
  reportText(): string;
}

/** Reports fit this from the start; a bigger one grows the server's buffer (the frame limit bounds it). */
const INITIAL_REPORT_CAPACITY = 4 * 1024;

/**
 * One server's state, updated in place. The report is opaque JSON here (the
 * registry decides liveness, not content) and lives in bytes outside the
 * JavaScript heap, overwritten by the next report: at 10,000 servers and 2,000
 * reports/s, keeping each report as a new string promoted ~4 MB/s of
 * short-lived text to the old generation, which set the pace of the major
 * collections that froze the event loop.
 */
class ServerEntry implements ServerState {
  online = true;
  lastSeen = 0;
  reportLength = 0;
  private bytes = Buffer.allocUnsafeSlow(INITIAL_REPORT_CAPACITY);

  constructor(readonly serverId: string) {}

  store(report: string, now: number): void {
    const length = Buffer.byteLength(report);
    if (length > this.bytes.length) this.bytes = Buffer.allocUnsafeSlow(2 * length);
    this.bytes.write(report, 0, length);
    this.reportLength = length;
    this.lastSeen = now;
    this.online = true;
  }

  copyReport(target: Buffer, targetStart: number, end: number): void {
    this.bytes.copy(target, targetStart, 0, Math.min(end, this.reportLength));
  }

  reportText(): string {
    return this.bytes.toString('utf8', 0, this.reportLength);
  }
}

/**
 * The live state of the fleet: the latest report per server id, when it
 * arrived and whether the server counts as online. Every change is emitted on
 * `changes$`.
 */
export class ServerRegistry {
  private readonly servers = new Map<string, ServerEntry>();
  private readonly changes = new Subject<ServerState>();
  readonly changes$: Observable<ServerState> = this.changes.asObservable();

  constructor(
    private readonly offlineAfterMs: number,
    private readonly clock: Clock,
  ) {}

  /** Stores an accepted report (JSON text); the server is online as of now. */
  report(serverId: string, report: string): ServerState {
    let entry = this.servers.get(serverId);
    if (!entry) this.servers.set(serverId, (entry = new ServerEntry(serverId)));
    entry.store(report, this.clock.now());
    this.changes.next(entry);
    return entry;
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
    server.online = false;
    this.changes.next(server);
  }
}
