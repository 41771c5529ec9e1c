import { DestroyRef, inject, Injectable, InjectionToken, signal } from '@angular/core';
import { backoffDelay, BROWSER_BACKOFF, FRONTEND_PATH, type ServerUpdate } from '@sss/contracts/constants';

export type ConnectionState =
  | { kind: 'connecting' }
  | { kind: 'connected' }
  | { kind: 'reconnecting'; retryAt: number }
  /** The browser says it has no network; we retry as soon as it comes back. */
  | { kind: 'offline' };

/** How the service opens sockets; tests replace it with a fake. */
export const SOCKET_FACTORY = new InjectionToken<(url: string) => WebSocket>('SOCKET_FACTORY', {
  providedIn: 'root',
  factory: () => (url: string) => new WebSocket(url),
});

/**
 * After a (re)connect the dashboard sends its snapshot at once. A server we
 * still show but that is not in it (the dashboard restarted and has not heard
 * from it since) is marked offline once this grace period has passed.
 */
export const SNAPSHOT_GRACE_MS = 3_000;

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
 * per few hundred servers that happened to arrive before a frame.
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

/** `/ws-frontend` on the page's own host, `wss:` when the page is `https:`. */
export function frontendUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${FRONTEND_PATH}`;
}

/**
 * Owns the one `/ws-frontend` connection: the latest update of every server as
 * a signal, reconnects with the protocol's backoff. Updates are applied in
 * batches, and only changed servers get new objects, so a card whose server
 * did not report keeps its input and is not re-rendered.
 */
@Injectable({ providedIn: 'root' })
export class FleetConnection {
  private readonly createSocket = inject(SOCKET_FACTORY);
  private readonly serverMap = signal<ReadonlyMap<string, ServerUpdate>>(new Map());
  private readonly connection = signal<ConnectionState>({ kind: 'connecting' });
  readonly servers = this.serverMap.asReadonly();
  readonly state = this.connection.asReadonly();

  private socket?: WebSocket;
  private attempt = 0;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private graceTimer?: ReturnType<typeof setTimeout>;
  private flushTimer?: ReturnType<typeof setTimeout>;
  private frame?: number;
  private lastFlush = -Infinity;
  private readonly pending = new Map<string, ServerUpdate>();
  /** Set from an open until its snapshot has arrived. */
  private snapshot?: SnapshotArrival;
  /** Servers heard from on the current connection. */
  private readonly confirmed = new Set<string>();
  private stopped = false;
  private readonly retryWhenOnline = () => this.connect();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
    this.connect();
  }

  private connect(): void {
    clearTimeout(this.retryTimer);
    window.removeEventListener('online', this.retryWhenOnline);
    this.connection.set({ kind: 'connecting' });
    const socket = this.createSocket(frontendUrl(window.location));
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.confirmed.clear();
      this.connection.set({ kind: 'connected' });
      this.snapshot = { until: Date.now() + SNAPSHOT_WAIT_MS, busiest: 0, received: 0 };
      this.graceTimer = setTimeout(() => this.expireUnconfirmed(), SNAPSHOT_GRACE_MS);
    };
    socket.onmessage = (event: MessageEvent) => this.receive(event.data);
    socket.onclose = () => {
      if (this.socket === socket) this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    clearTimeout(this.graceTimer);
    if (this.stopped) return;
    if (!navigator.onLine) {
      this.connection.set({ kind: 'offline' });
      window.addEventListener('online', this.retryWhenOnline, { once: true });
      return;
    }
    const delay = backoffDelay(BROWSER_BACKOFF, this.attempt++);
    this.connection.set({ kind: 'reconnecting', retryAt: Date.now() + delay });
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private receive(data: unknown): void {
    let update: ServerUpdate;
    try {
      update = JSON.parse(String(data));
    } catch {
      return; // the dashboard only sends JSON; anything else is not ours to show
    }
    if (typeof update?.serverId !== 'string') return;
    this.confirmed.add(update.serverId);
    if (this.snapshot) this.snapshot.received++;
    this.queue(update);
  }

  private expireUnconfirmed(): void {
    for (const [id, server] of this.serverMap()) {
      if (server.online && !this.confirmed.has(id) && !this.pending.has(id)) this.queue({ ...server, online: false });
    }
  }

  private queue(update: ServerUpdate): void {
    this.pending.set(update.serverId, update);
    if (this.flushTimer !== undefined || this.frame !== undefined) return;
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

  private stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.graceTimer);
    clearTimeout(this.flushTimer);
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    window.removeEventListener('online', this.retryWhenOnline);
    this.socket?.close();
  }
}
