import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import type { ServerUpdate } from '@sss/contracts/constants';

/**
 * Updates are applied at most once per animation frame and at most once per
 * this many ms. A fleet of 1,000 reporting every 5 s sends 200 messages a
 * second, and re-sorting the board 60 times a second costs frames; a fifth of
 * a second is not visible on data that changes every 5 s.
 */
export const BATCH_WINDOW_MS = 200;

/**
 * After an open, updates wait until the dashboard's snapshot has arrived
 * (a frame brings a quarter or less of the messages of the busiest frame
 * before it), at most this long, so a board of 1,000 is built once, not once
 * per few hundred servers that happened to arrive before a frame. A snapshot
 * applied at once (the HTTP one) ends the wait.
 */
export const SNAPSHOT_WAIT_MS = 1_000;

/** Messages counted per frame while a snapshot arrives. */
interface SnapshotArrival {
  /** Date.now() after which it is applied whatever arrives. */
  until: number;
  /** The most messages a frame has brought so far. */
  busiest: number;
  /** Messages since the last frame. */
  received: number;
}

/**
 * Whether `update` replaces `held`, the page's latest for that server: a later
 * report, or the same one gone offline. An older one never replaces a newer
 * (the HTTP and the WebSocket snapshots arrive in either order), and an
 * identical one changes nothing, so its card is not re-rendered.
 */
function supersedes(update: ServerUpdate, held: ServerUpdate): boolean {
  return update.lastSeen > held.lastSeen || (update.lastSeen === held.lastSeen && update.online !== held.online);
}

/**
 * Turns the stream of server updates into the board's signal: the latest
 * update of every server, applied in batches (at most one per animation frame
 * and per BATCH_WINDOW_MS), a snapshot in one batch once it has arrived. Only
 * changed servers get new objects, so a card whose server did not report
 * keeps its input and is not re-rendered.
 */
@Injectable({ providedIn: 'root' })
export class UpdateBatcher {
  private readonly serverMap = signal<ReadonlyMap<string, ServerUpdate>>(new Map());
  readonly servers = this.serverMap.asReadonly();

  private readonly pending = new Map<string, ServerUpdate>();
  private flushTimer?: ReturnType<typeof setTimeout>;
  private frame?: number;
  private lastFlush = -Infinity;
  /** Set from expectSnapshot() until that snapshot has arrived. */
  private snapshot?: SnapshotArrival;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      clearTimeout(this.flushTimer);
      if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    });
  }

  /** A snapshot begins to arrive (a connection opened): hold the updates until it has, at most SNAPSHOT_WAIT_MS. */
  expectSnapshot(): void {
    this.snapshot = { until: Date.now() + SNAPSHOT_WAIT_MS, busiest: 0, received: 0 };
  }

  /** Queues one update from the stream for the next batch. */
  add(update: ServerUpdate): void {
    if (this.snapshot) this.snapshot.received++;
    this.queue(update);
  }

  /** Puts a whole snapshot on the board at once, ending the wait for one. */
  applyNow(updates: Iterable<ServerUpdate>): void {
    for (const update of updates) this.keep(update);
    this.snapshot = undefined; // the board is complete: no need to wait for the stream's copy
    this.apply();
  }

  /** Queues as offline every server shown online that is neither in `heard` nor waiting in a batch. */
  markOfflineExcept(heard: ReadonlySet<string>): void {
    for (const [id, server] of this.serverMap()) {
      if (server.online && !heard.has(id) && !this.pending.has(id)) this.queue({ ...server, online: false });
    }
  }

  /** Holds `update` for the next batch unless the page has it or a newer one already; says whether it did. */
  private keep(update: ServerUpdate): boolean {
    const held = this.pending.get(update.serverId) ?? this.serverMap().get(update.serverId);
    if (held && !supersedes(update, held)) return false;
    this.pending.set(update.serverId, update);
    return true;
  }

  private queue(update: ServerUpdate): void {
    if (!this.keep(update) || this.flushTimer !== undefined || this.frame !== undefined) return;
    // The first update after a quiet spell shows at the next frame; a burst waits for the window.
    const wait = Math.max(0, this.lastFlush + BATCH_WINDOW_MS - Date.now());
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.frame = requestAnimationFrame(() => this.flush());
    }, wait);
  }

  private flush(): void {
    if (this.snapshot && !this.snapshotArrived(this.snapshot)) {
      this.frame = requestAnimationFrame(() => this.flush());
      return;
    }
    this.frame = undefined;
    this.apply();
  }

  /** Puts the held updates on the board, in one new map. */
  private apply(): void {
    if (this.pending.size === 0) return; // a snapshot applied at once took them since this flush was scheduled
    this.lastFlush = Date.now();
    const next = new Map(this.serverMap());
    for (const [id, update] of this.pending) next.set(id, update);
    this.pending.clear();
    this.serverMap.set(next);
  }

  /** Called once a frame while the snapshot arrives: whether its burst of messages is over. */
  private snapshotArrived(snapshot: SnapshotArrival): boolean {
    const arrived = snapshot.received * 4 <= snapshot.busiest || Date.now() >= snapshot.until;
    snapshot.busiest = Math.max(snapshot.busiest, snapshot.received);
    snapshot.received = 0;
    if (arrived) this.snapshot = undefined;
    return arrived;
  }
}
