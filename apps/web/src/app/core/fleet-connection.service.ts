import { DestroyRef, inject, Injectable, InjectionToken, signal } from '@angular/core';
import { backoffDelay, BROWSER_BACKOFF, CloseCode, FRONTEND_PATH, SERVERS_API_PATH, type ServerUpdate } from '@sss/contracts/constants';
import { Navigation } from './navigation.service';
import { SNAPSHOT_WAIT_MS, UpdateBatcher } from './update-batcher.service';

export type ConnectionState = { kind: 'connecting' } | { kind: 'connected' } | { kind: 'reconnecting'; retryAt: number };

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

/** `/ws-frontend` on the page's own host, `wss:` when the page is `https:`. */
export function frontendUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${FRONTEND_PATH}`;
}

/**
 * Owns the one `/ws-frontend` connection: opens it, reconnects with the
 * protocol's backoff, and hands every server update it brings to the
 * UpdateBatcher, whose signal is `servers`. On page load the same snapshot is
 * also fetched over HTTP (see loadSnapshot).
 */
@Injectable({ providedIn: 'root' })
export class FleetConnection {
  private readonly createSocket = inject(SOCKET_FACTORY);
  private readonly requestSnapshot = inject(SNAPSHOT_REQUEST);
  private readonly batcher = inject(UpdateBatcher);
  private readonly navigation = inject(Navigation);
  private readonly connection = signal<ConnectionState>({ kind: 'connecting' });
  /** The latest update of every server the page has heard of. */
  readonly servers = this.batcher.servers;
  readonly state = this.connection.asReadonly();

  private socket?: WebSocket;
  private attempt = 0;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private graceTimer?: ReturnType<typeof setTimeout>;
  /** Servers heard from on the current connection. */
  private readonly confirmed = new Set<string>();
  private stopped = false;
  private readonly retryWhenOnline = () => this.connect();
  /**
   * Settles once the HTTP snapshot is on the board or has failed, or after
   * SNAPSHOT_WAIT_MS, whichever is first. The app's first render waits for it
   * (app.config.ts), so a page load draws the board once, full, instead of an
   * empty board ("no servers yet") and then every card.
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
    this.batcher.applyNow(body.map(asUpdate).filter((update) => update !== undefined));
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
      this.batcher.expectSnapshot();
      this.graceTimer = setTimeout(() => this.batcher.markOfflineExcept(this.confirmed), SNAPSHOT_GRACE_MS);
    };
    socket.onmessage = (event: MessageEvent) => this.receive(event.data);
    socket.onclose = (event: CloseEvent) => {
      if (this.socket !== socket) return;
      // A private board (PROTOCOL.md section 2): log in first; the login page reloads the board.
      if (event.code === CloseCode.POLICY_VIOLATION) return this.navigation.navigate('/login');
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    clearTimeout(this.graceTimer);
    if (this.stopped) return;
    // On the protocol's schedule even when the browser says it has no network: the dashboard
    // may be on this host or on a network without a default route, which browsers count as offline.
    const delay = backoffDelay(BROWSER_BACKOFF, this.attempt++);
    this.connection.set({ kind: 'reconnecting', retryAt: Date.now() + delay });
    this.retryTimer = setTimeout(() => this.connect(), delay);
    // A network coming back is worth trying at once.
    if (!navigator.onLine) window.addEventListener('online', this.retryWhenOnline, { once: true });
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
    this.batcher.add(update);
  }

  private stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.graceTimer);
    window.removeEventListener('online', this.retryWhenOnline);
    this.socket?.close();
  }
}

/** `value` if it is a server update (the dashboard sends nothing else; a proxy in between might). */
function asUpdate(value: unknown): ServerUpdate | undefined {
  return typeof (value as ServerUpdate | null)?.serverId === 'string' ? (value as ServerUpdate) : undefined;
}
