import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Cuts a connection that has not sent a whole request (or WebSocket upgrade)
 * `timeoutMs` after it connected, so half-open handshakes cannot pile up.
 * Node's own headersTimeout is checked only every 30 s. One timer per
 * connection until its first request; later idleness is keepAliveTimeout's.
 */
export function useHandshakeTimeout(server: Server, timeoutMs: number): void {
  const timers = new WeakMap<Socket, NodeJS.Timeout>();
  const started = (req: IncomingMessage) => {
    clearTimeout(timers.get(req.socket));
    timers.delete(req.socket);
  };
  server.on('connection', (socket: Socket) => {
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    timer.unref();
    timers.set(socket, timer);
    socket.once('close', () => clearTimeout(timer));
  });
  server.on('request', started);
  server.on('upgrade', started);
}
