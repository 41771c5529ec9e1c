import type { IncomingMessage } from 'node:http';

/** The peer's address (a reverse proxy's, until trustProxy is configured). */
export function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}
