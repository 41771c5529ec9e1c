import * as net from 'node:net';
import * as tls from 'node:tls';
import type { Duplex } from 'node:stream';

/**
 * The proxy for `target` from HTTPS_PROXY (wss://) or HTTP_PROXY (ws://), either
 * case, unless NO_PROXY lists its host (exact, or a domain suffix like
 * `.example.com`; `*` for everything).
 */
export function proxyFor(target: URL, env: NodeJS.ProcessEnv): URL | undefined {
  const secure = target.protocol === 'wss:';
  const value = secure ? (env.HTTPS_PROXY ?? env.https_proxy) : (env.HTTP_PROXY ?? env.http_proxy);
  if (!value) return undefined;
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const noProxy = (env.NO_PROXY ?? env.no_proxy ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const bypass = noProxy.some((entry) => {
    const name = entry.replace(/:\d+$/, '').replace(/^\*?\./, '');
    return entry === '*' || host === name || host.endsWith(`.${name}`);
  });
  if (bypass) return undefined;
  return new URL(/^[a-z]+:\/\//i.test(value) ? value : `http://${value}`);
}

type Callback = (err: Error | null, socket?: Duplex) => void;

/**
 * A `createConnection` for ws that opens an HTTP CONNECT tunnel through `proxy`
 * (Basic auth from its URL), then speaks TLS inside it for wss:// (`secure`).
 */
export function tunnelThrough(proxy: URL, secure: boolean, timeoutMs: number) {
  return (options: tls.ConnectionOptions & { host?: string; port?: number | string }, done: Callback): undefined => {
    const target = `${options.host?.includes(':') ? `[${options.host}]` : options.host}:${options.port}`;
    const socket = net.connect(Number(proxy.port) || 80, proxy.hostname);
    const fail = (err: Error) => {
      socket.destroy();
      done(err);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`proxy ${proxy.host} did not answer in ${timeoutMs} ms`)));
    socket.once('error', fail);
    socket.once('connect', () => {
      const auth = proxy.username
        ? `Proxy-Authorization: Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}\r\n`
        : '';
      socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n${auth}\r\n`);
    });
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > 16_384) fail(new Error(`proxy ${proxy.host} sent an oversized response`));
        return;
      }
      socket.off('data', onData);
      socket.off('error', fail);
      socket.setTimeout(0);
      const status = head.subarray(0, head.indexOf('\r\n')).toString();
      if (!/^HTTP\/1\.[01] 200/.test(status)) return fail(new Error(`proxy ${proxy.host} refused CONNECT: ${status}`));
      if (end + 4 < head.length) socket.unshift(head.subarray(end + 4));
      if (!secure) return done(null, socket);
      done(null, tls.connect({ ...options, socket, servername: net.isIP(options.host ?? '') ? undefined : options.host }));
    };
    socket.on('data', onData);
    return undefined;
  };
}
