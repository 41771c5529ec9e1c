import { createServer as createHttpsServer } from 'node:https';
import * as net from 'node:net';
import { exampleServerInfo, type ServerInfo } from '@sss/contracts';
import { Log } from '@sss/log';
import { LogLines } from '../../../../test/agent/support/log-lines';
import { TestWsServer } from '../../../../test/agent/support/test-ws-server';
import { selfSignedCertificate } from '../../../../test/support/self-signed-certificate';
import { AgentCredentials } from './agent-credentials';
import { Backoff } from './backoff';
import { proxyFor } from './proxy-tunnel';
import { ReportClient } from './report-client';

describe('proxyFor', () => {
  const target = (url: string) => new URL(url);
  it('uses HTTP_PROXY for ws:// and HTTPS_PROXY for wss://, either case', () => {
    const env = { HTTP_PROXY: 'http://p1:3128', https_proxy: 'p2:8080' };
    expect(proxyFor(target('ws://dash:8900/ws-report'), env)?.href).toBe('http://p1:3128/');
    expect(proxyFor(target('wss://dash/ws-report'), env)?.href).toBe('http://p2:8080/');
    expect(proxyFor(target('ws://dash/ws-report'), {})).toBeUndefined();
  });

  it('honours NO_PROXY by exact host, domain suffix and *', () => {
    const env = { HTTP_PROXY: 'http://p:3128' };
    expect(proxyFor(target('ws://dash.internal.example/ws-report'), { ...env, NO_PROXY: 'localhost,.example' })).toBeUndefined();
    expect(proxyFor(target('ws://example/ws-report'), { ...env, NO_PROXY: '.example' })).toBeUndefined();
    expect(proxyFor(target('ws://127.0.0.1:8900/ws-report'), { ...env, no_proxy: '127.0.0.1' })).toBeUndefined();
    expect(proxyFor(target('ws://anything/ws-report'), { ...env, NO_PROXY: '*' })).toBeUndefined();
    expect(proxyFor(target('ws://notexample/ws-report'), { ...env, NO_PROXY: 'example' })).toBeDefined();
  });
});

/** A minimal HTTP CONNECT proxy on loopback that records the targets it was asked for. */
async function connectProxy(): Promise<{ port: number; targets: string[]; close: () => void }> {
  const targets: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.once('data', (head) => {
      const [, target] = /^CONNECT (\S+) HTTP/.exec(head.toString()) ?? [];
      targets.push(target);
      const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
      const upstream = net.connect(port, host, () => {
        client.write('HTTP/1.1 200 Connection established\r\n\r\n');
        client.pipe(upstream).pipe(client);
      });
      sockets.add(upstream);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  return {
    port: (server.address() as net.AddressInfo).port,
    targets,
    close: () => {
      sockets.forEach((s) => s.destroy());
      server.close();
    },
  };
}

describe('ReportClient over TLS and through a proxy', () => {
  let cert: Buffer;
  let key: Buffer;
  const clients: ReportClient[] = [];
  const cleanups: Array<() => unknown> = [];

  function client(url: string, env: NodeJS.ProcessEnv, ca?: Buffer, logs = new LogLines()): ReportClient {
    const c = new ReportClient({
      url,
      serverId: 'web-1',
      credentials: new AgentCredentials({ secret: 's' }, new Log('credentials', { sink: logs })),
      ca,
      env,
      log: new Log('transport', { sink: logs }),
      backoff: new Backoff({ initialMs: 50, factor: 1, maxMs: 50 }, 0),
    });
    clients.push(c);
    c.start();
    c.publish(exampleServerInfo({ serverId: 'web-1' }));
    return c;
  }

  async function wssServer(): Promise<TestWsServer> {
    const https = createHttpsServer({ cert, key });
    await new Promise<void>((res) => https.listen(0, '127.0.0.1', res));
    cleanups.push(() => https.close());
    const server = await TestWsServer.start({ server: https });
    cleanups.unshift(() => server.close());
    return server;
  }

  beforeAll(() => {
    ({ cert, key } = selfSignedCertificate());
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.stop()));
    for (const f of cleanups.splice(0)) await f();
  });

  it('connects to wss:// with a custom CA file, and refuses an unknown certificate without it', async () => {
    const server = await wssServer();
    const url = `wss://127.0.0.1:${(server.wss.options.server!.address() as net.AddressInfo).port}/ws-report`;
    const logs = new LogLines();
    const untrusted = client(url, {}, undefined, logs);
    await logs.waitFor(/WARN .*connection failed .*error=".*self[- ]signed certificate/);
    await untrusted.stop();
    client(url, {}, cert);
    expect((JSON.parse((await server.withMessages(0)).messages[0]) as ServerInfo).serverId).toBe('web-1');
  });

  it('tunnels ws:// through HTTP_PROXY, and skips it for NO_PROXY hosts', async () => {
    const proxy = await connectProxy();
    cleanups.push(proxy.close);
    const server = await TestWsServer.start();
    cleanups.push(() => server.close());
    client(server.url(), { HTTP_PROXY: `http://127.0.0.1:${proxy.port}` });
    await server.withMessages(0);
    expect(proxy.targets).toEqual([`127.0.0.1:${server.port}`]);
    client(server.url(), { HTTP_PROXY: `http://127.0.0.1:${proxy.port}`, NO_PROXY: '127.0.0.1' });
    await server.withMessages(1);
    expect(proxy.targets).toHaveLength(1);
  });

  it("tunnels wss:// through HTTPS_PROXY, verifying the dashboard's certificate inside the tunnel", async () => {
    const proxy = await connectProxy();
    cleanups.push(proxy.close);
    const server = await wssServer();
    const port = (server.wss.options.server!.address() as net.AddressInfo).port;
    client(`wss://localhost:${port}/ws-report`, { HTTPS_PROXY: `http://127.0.0.1:${proxy.port}` }, cert);
    await server.withMessages(0);
    expect(proxy.targets).toEqual([`localhost:${port}`]);
  });
});
