import { DestroyRef, inject, Injectable, InjectionToken, signal } from '@angular/core';
import { backoffDelay, BROWSER_BACKOFF, FRONTEND_PATH, SERVERS_API_PATH, type ServerUpdate } from '@sss/contracts/constants';

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
 * How the service asks for the dashboard's snapshot over HTTP; tests replace
 * it. A plain GET of the URL index.html preloads (same mode and credentials),
 * so Chromium hands over that response instead of asking again.
 */
export const SNAPSHOT_REQUEST = new InjectionToken<() => Promise<Pick<Response, 'ok' | 'json'>>>('SNAPSHOT_REQUEST', {
  providedIn: 'root',
  factory: () => () => fetch(SERVERS_API_PATH),
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
 * per few hundred servers that happened to arrive before a frame. The HTTP
 * snapshot ends the wait; without it (an older dashboard, a failed fetch, a
 * reconnect) this is how the board is built once.
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
 * Whether `update` replaces `held`, the page's latest for that server: a later
 * report, or the same one gone offline. An older one never replaces a newer
 * (the HTTP and the WebSocket snapshots arrive in either order), and an
 * identical one changes nothing, so its card is not re-rendered.
 */
function supersedes(update: ServerUpdate, held: ServerUpdate): boolean {
  return update.lastSeen > held.lastSeen || (update.lastSeen === held.lastSeen && update.online !== held.online);
}

/**
 * Owns the one `/ws-frontend` connection: the latest update of every server as
 * a signal, reconnects with the protocol's backoff. Updates are applied in
 * batches, and only changed servers get new objects, so a card whose server
 * did not report keeps its input and is not re-rendered. On page load the
 * same snapshot is also fetched over HTTP (see loadSnapshot).
 */
@Injectable({ providedIn: 'root' })
export class FleetConnection {
  private readonly createSocket = inject(SOCKET_FACTORY);
  private readonly requestSnapshot = inject(SNAPSHOT_REQUEST);
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
  /**
   * Settles once the HTTP snapshot is on the board or has failed, or after
   * SNAPSHOT_WAIT_MS, whichever is first. The app's first render waits for it
   * (app.config.ts), so a page load draws the board once, full, instead of an
   * empty board ("no servers yet") and then 1,000 cards.
   */
  readonly firstSnapshot: Promise<void>;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
    this.firstSnapshot = Promise.race([this.loadSnapshot(), new Promise<void>((settle) => setTimeout(settle, SNAPSHOT_WAIT_MS))]);
    this.connect();
  }

  /**
   * Applies the dashboard's snapshot from HTTP in one batch as soon as it is
   * here. index.html asked for it before the scripts loaded, while the
   * WebSocket's copy (a message per server) reaches the page only once the
   * app has booted. Once per page: after a reconnect the page is idle and the
   * WebSocket's snapshot, which comes anyway, is as quick. Any failure (an
   * older dashboard without it, a network error, bad JSON) leaves the board to
   * the WebSocket's snapshot.
   */
  private async loadSnapshot(): Promise<void> {
    let body: unknown;
    try {
      const response = await this.requestSnapshot();
      if (!response.ok) return;
      body = await response.json();
    } catch {
      return;
    }
    if (this.stopped || !Array.isArray(body)) return;
    for (const item of body) {
      const update = asUpdate(item);
      if (update) this.keep(update);
    }
    this.snapshot = undefined; // the board is complete: no need to wait for the WebSocket's copy
    this.apply();
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
    let update: ServerUpdate | undefined;
    try {
      update = asUpdate(JSON.parse(String(data)));
    } catch {
      return; // the dashboard only sends JSON; anything else is not ours to show
    }
    if (!update) return;
    this.confirmed.add(update.serverId);
    if (this.snapshot) this.snapshot.received++;
    this.queue(update);
  }

  private expireUnconfirmed(): void {
    for (const [id, server] of this.serverMap()) {
      if (server.online && !this.confirmed.has(id) && !this.pending.has(id)) this.queue({ ...server, online: false });
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
    if (this.pending.size === 0) return; // the HTTP snapshot took them since this flush was scheduled
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

/** `value` if it is a server update (the dashboard sends nothing else; a proxy in between might). */
function asUpdate(value: unknown): ServerUpdate | undefined {
  return typeof (value as ServerUpdate | null)?.serverId === 'string' ? (value as ServerUpdate) : undefined;
}
