import { BeforeApplicationShutdown } from '@nestjs/common';
import { OnGatewayConnection, WebSocketGateway } from '@nestjs/websockets';
import { AUTH_SECRET_HEADER, AUTHORIZATION_HEADER, CloseCode, CloseReason, REPORT_PATH, SERVER_ID_HEADER } from '@sss/contracts';
import type { IncomingMessage } from 'node:http';
import type { RawData, WebSocket } from 'ws';
import { ClientAddress } from '../../../../platform/http/client-address';
import { closeAll } from '../../../../platform/ws/close-all';
import { AgentSession, AgentSessions } from '../../../application/agent-sessions';

/**
 * Inbound adapter for /ws-report: turns agent sockets' events into AgentSessions
 * calls. The socket itself is the session's link (its `close` is all the
 * application uses). Socket errors are logged by the ws adapter.
 */
@WebSocketGateway({ path: REPORT_PATH })
export class ReportGateway implements OnGatewayConnection, BeforeApplicationShutdown {
  /** Every open authenticated socket's session, for the shared listeners below. */
  private readonly bySocket = new Map<WebSocket, AgentSession>();
  /** Sockets whose enrollment is being decided: paused, closed at shutdown. */
  private readonly enrolling = new Set<WebSocket>();
  /**
   * One set of listeners for all sockets (`this` is the socket) instead of
   * closures per connection: fewer heap objects per agent for every major
   * garbage collection to mark.
   */
  private readonly listeners: SocketListeners = ((gateway: ReportGateway) => ({
    message: function (this: WebSocket, data: RawData, isBinary: boolean): void {
      const session = gateway.bySocket.get(this);
      if (!session) return;
      if (isBinary) gateway.sessions.receivedBinary(session);
      else gateway.sessions.received(session, (data as Buffer).toString()); // one Buffer: ws's default binaryType
    },
    ping: function (this: WebSocket): void {
      const session = gateway.bySocket.get(this);
      if (session) gateway.sessions.pinged(session);
    },
    // The adapter logs every socket error; a frame over the size limit is also a reject to count.
    error: function (this: WebSocket, err: Error & { code?: string }): void {
      if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' && gateway.bySocket.has(this)) gateway.sessions.receivedTooBig();
    },
    close: function (this: WebSocket, code: number): void {
      const session = gateway.bySocket.get(this);
      if (!session) return;
      gateway.bySocket.delete(this);
      gateway.sessions.closed(session, code);
    },
  }))(this);

  constructor(
    private readonly sessions: AgentSessions,
    private readonly clientAddress: ClientAddress,
  ) {}

  handleConnection(socket: WebSocket, req: IncomingMessage): void {
    const opened = this.sessions.open(socket, {
      serverId: headerValue(req, SERVER_ID_HEADER),
      secret: headerValue(req, AUTH_SECRET_HEADER),
      token: bearerToken(headerValue(req, AUTHORIZATION_HEADER)),
      remote: this.clientAddress.of(req),
    });
    if (opened instanceof Promise) this.whileEnrolling(socket, opened);
    else if (opened) this.attach(socket, opened);
  }

  /**
   * Frames that arrive before the enrollment is decided wait in the paused
   * socket and are read once its session exists; a socket closed meanwhile is
   * seen closing when resumed, its session then ended like any other.
   */
  private whileEnrolling(socket: WebSocket, opened: Promise<AgentSession | undefined>): void {
    this.enrolling.add(socket);
    socket.pause();
    void opened.then(
      (session) => {
        this.enrolling.delete(socket);
        if (session) this.attach(socket, session);
        socket.resume();
      },
      (err: unknown) => {
        this.enrolling.delete(socket);
        this.sessions.failedToOpen(err);
        socket.close(CloseCode.INTERNAL_ERROR, CloseReason.INTERNAL);
      },
    );
  }

  private attach(socket: WebSocket, session: AgentSession): void {
    this.bySocket.set(socket, session);
    socket.on('message', this.listeners.message);
    socket.on('ping', this.listeners.ping);
    socket.on('error', this.listeners.error);
    socket.on('close', this.listeners.close);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.sessions.detachAll();
    const sockets = [...this.bySocket.keys(), ...this.enrolling];
    this.bySocket.clear();
    this.enrolling.clear();
    await closeAll(sockets, CloseCode.GOING_AWAY, CloseReason.SHUTDOWN, 2_000);
  }
}

/** Listeners that ws calls with the socket as `this`. */
interface SocketListeners {
  message: (this: WebSocket, data: RawData, isBinary: boolean) => void;
  ping: (this: WebSocket) => void;
  error: (this: WebSocket, err: Error & { code?: string }) => void;
  close: (this: WebSocket, code: number) => void;
}

/** The token of `Bearer <token>`, if that is what the header holds. */
function bearerToken(authorization: string | undefined): string | undefined {
  const match = authorization && /^Bearer +(\S+) *$/i.exec(authorization);
  return match ? match[1] : undefined;
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
