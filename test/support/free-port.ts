import { createServer } from 'node:net';

/** A loopback port nobody listens on now: for a server a test starts, or to stand for one that is down. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(0, '127.0.0.1', res);
  });
  const { port } = server.address() as { port: number };
  await new Promise((res) => server.close(res));
  return port;
}
