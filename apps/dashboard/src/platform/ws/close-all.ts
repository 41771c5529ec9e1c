import type { WebSocket } from 'ws';

/**
 * Closes every socket with `code` and waits until their close handshakes
 * finish (or `graceMs` passes), so clients see the code before the server's
 * own shutdown cuts the TCP connections.
 */
export async function closeAll(sockets: Iterable<WebSocket>, code: number, reason: string, graceMs: number): Promise<void> {
  const closing = [...sockets].map(
    (socket) =>
      new Promise<void>((resolve) => {
        if (socket.readyState === socket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close(code, reason);
      }),
  );
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
  await Promise.race([Promise.all(closing), grace]);
  clearTimeout(timer);
}
