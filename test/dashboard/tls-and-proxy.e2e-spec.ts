import { FRONTEND_PATH, REPORT_PATH, SERVERS_API_PATH } from '@sss/contracts';
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import WebSocket from 'ws';
import { AgentProcess } from '../agent/support/agent-process';
import { HostRootFixture } from '../agent/support/host-root-fixture';
import { DashboardProcess } from '../support/dashboard-process';
import { textOf, until, upgradeStatus, withTimeout } from '../support/ws-clients';

const SECRET = 'tls-test-agent-secret';

/** A private CA and two server certificates for 127.0.0.1 signed by it, made with the openssl CLI. */
function makeCertificates(dir: string): void {
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=sss test CA');
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  for (const name of ['first', 'second']) {
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
    openssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      'san.ext',
      '-out',
      `${name}.pem`,
    );
  }
}

/** The fingerprint of the certificate a new TLS connection to the port is shown. */
function servedFingerprint(port: number, ca: Buffer): Promise<string> {
  return withTimeout(
    new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port, ca }, () => {
        resolve(socket.getPeerCertificate().fingerprint256);
        socket.end();
      });
      socket.once('error', reject);
    }),
    10_000,
    'a TLS handshake',
  );
}

const fingerprintOf = (file: string) => new X509Certificate(readFileSync(file)).fingerprint256;

describe('HTTPS and WSS on the dashboard', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sss-tls-'));
  const host = new HostRootFixture();
  const agents: AgentProcess[] = [];
  let dashboard: DashboardProcess;
  let ca: Buffer;

  beforeAll(async () => {
    makeCertificates(dir);
    ca = readFileSync(join(dir, 'ca.pem'));
    copyFileSync(join(dir, 'first.pem'), join(dir, 'cert.pem'));
    copyFileSync(join(dir, 'first.key'), join(dir, 'key.pem'));
    dashboard = await DashboardProcess.start({
      servers: [{ id: 'tls-host', secret: SECRET }],
      config: { tls: { certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem') } },
    });
  });
  afterAll(async () => {
    await Promise.all(agents.map((agent) => agent.stop()));
    await dashboard.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const agent = (extra: string[]) => {
    const started = AgentProcess.start(
      ['--server', dashboard.url(REPORT_PATH, 'wss'), '--id', 'tls-host', '--interval', '1', '--host-root', host.root, ...extra],
      { SSS_AGENT_SECRET: SECRET },
    );
    agents.push(started);
    return started;
  };

  /** GET over HTTPS, trusting the test CA. */
  const httpsJson = (path: string) =>
    withTimeout(
      new Promise<unknown>((resolve, reject) => {
        httpsGet(dashboard.url(path, 'https'), { ca, agent: false }, (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve(JSON.parse(body)));
        }).once('error', reject);
      }),
      10_000,
      `GET ${path}`,
    );

  it('serves HTTPS only: plain HTTP on the port gets no answer', async () => {
    expect(await httpsJson('/healthz')).toEqual({ status: 'ok' });
    const plain = new Promise<string>((resolve) => {
      httpGet(dashboard.url('/healthz', 'http'), (res) => resolve(`answered ${res.statusCode}`)).once('error', (err) =>
        resolve(`failed: ${err.message}`),
      );
    });
    expect(await withTimeout(plain, 10_000, 'plain HTTP')).toMatch(/^failed: /);
  });

  it('takes a real agent over wss:// with caFile for the private CA, and refuses the certificate without it', async () => {
    const untrusting = agent([]);
    await untrusting.waitForLog(/connection failed .*error="unable to verify the first certificate"/, 20_000);
    await untrusting.stop();

    const trusting = agent(['--ca-file', join(dir, 'ca.pem')]);
    await trusting.waitForLog(/\[transport\] connected/, 20_000);
    await until(
      () => httpsJson(SERVERS_API_PATH) as Promise<Array<{ serverId: string; online: boolean }>>,
      (servers) => servers.some((s) => s.serverId === 'tls-host' && s.online),
      'the agent reported over wss://',
      20_000,
    );
  });

  it('reloads a renewed certificate for new connections without dropping the open ones', async () => {
    const frontend = new WebSocket(dashboard.url(FRONTEND_PATH, 'wss'), { ca });
    const messages: string[] = [];
    frontend.on('message', (data) => messages.push(textOf(data)));
    await withTimeout(new Promise((res) => frontend.once('open', res)), 10_000, 'the wss:// frontend');
    expect(await servedFingerprint(dashboard.port, ca)).toBe(fingerprintOf(join(dir, 'first.pem')));

    // A renewal: the key first, then the certificate (for a moment they do not match).
    copyFileSync(join(dir, 'second.key'), join(dir, 'key.pem'));
    copyFileSync(join(dir, 'second.pem'), join(dir, 'cert.pem'));
    await dashboard.waitForLog(/certificate reloaded/, 15_000);
    expect(await servedFingerprint(dashboard.port, ca)).toBe(fingerprintOf(join(dir, 'second.pem')));

    // The frontend opened before it still gets reports; the agent was not reconnected.
    const seen = messages.length;
    await until(
      () => Promise.resolve(messages.length),
      (count) => count >= seen + 2,
      'reports on the old connection',
    );
    expect(frontend.readyState).toBe(WebSocket.OPEN);
    frontend.close();
    expect(agents.at(-1)!.countLog(/\[transport\] connected/)).toBe(1);
  });
});

describe('trustProxy: the client address behind a reverse proxy', () => {
  let dashboard: DashboardProcess;
  const PROXY = '127.0.0.7';
  const STRANGER = '127.0.0.8';

  beforeAll(async () => {
    dashboard = await DashboardProcess.start({
      servers: [{ id: 'behind-proxy', secret: SECRET }],
      config: { host: '0.0.0.0', trustProxy: [PROXY, '10.0.0.0/8'], limits: { authFailures: 3, blockSeconds: 60 } },
    });
  });
  afterAll(() => dashboard.stop());

  const report = (localAddress: string, forwardedFor: string | undefined, secret: string) =>
    upgradeStatus(dashboard.url(REPORT_PATH), {
      localAddress,
      headers: {
        'x-server-id': 'behind-proxy',
        'x-auth-secret': secret,
        ...(forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }),
      },
    });

  it("blocks the client named by a trusted proxy's X-Forwarded-For, not every agent behind that proxy", async () => {
    // The forwarded hops: a client, then an inner proxy of the trusted range; the proxy itself connects.
    for (let i = 0; i < 3; i++) expect(await report(PROXY, '203.0.113.7, 10.1.2.3', 'wrong')).toBe(101);
    expect(await report(PROXY, '203.0.113.7, 10.1.2.3', SECRET)).toBe(429);
    await dashboard.waitForLog(/address blocked after repeated authentication failures remote="203\.0\.113\.7" failures=3/);
    expect(dashboard.logs).toMatch(/agent authentication failed remote="203\.0\.113\.7"/);
    // Another client through the same proxy still gets in.
    expect(await report(PROXY, '198.51.100.4', SECRET)).toBe(101);
    await dashboard.waitForLog(/agent connected serverId="behind-proxy" remote="198\.51\.100\.4"/);
  });

  it('ignores X-Forwarded-For from any other peer: it is blocked under its own address, whatever it claims', async () => {
    for (let i = 0; i < 3; i++) expect(await report(STRANGER, `192.0.2.${i}`, 'wrong')).toBe(101);
    expect(await report(STRANGER, '192.0.2.99', SECRET)).toBe(429);
    await dashboard.waitForLog(/address blocked after repeated authentication failures remote="127\.0\.0\.8" failures=3/);
    expect(dashboard.logs).not.toMatch(/192\.0\.2\./);
  });
});
