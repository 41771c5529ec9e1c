import { ConfigError } from '@sss/config';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anchoredIdPattern } from '../../enrollment/domain/enrollment-key';
import { configPathFrom, loadConfig } from './load-config';

const dir = mkdtempSync(join(tmpdir(), 'sss-config-'));
let n = 0;
function file(text: string): string {
  const path = join(dir, `c${n++}.yaml`);
  writeFileSync(path, text);
  return path;
}

function failure(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

const ONE_SERVER = 'servers:\n  - id: web-1\n    secret: s1\n';

const DAY = 86_400_000;

describe('loadConfig', () => {
  it('applies the defaults of PROTOCOL.md', () => {
    expect(loadConfig(undefined, {})).toEqual({
      host: '0.0.0.0',
      port: 8900,
      offlineAfterSeconds: 30,
      maxMessageBytes: 65536,
      idleTimeoutSeconds: 60,
      frontendMaxBufferedBytes: 32 * 1024 * 1024,
      frontendMaxBackedUpSeconds: 30,
      frontendAllowedOrigins: [],
      trustProxy: [],
      tls: undefined,
      limits: {
        agentConnections: 10_000,
        reportsPerSecond: 10,
        upgradesPerSecond: 20,
        authFailures: 20,
        blockSeconds: 60,
        handshakeTimeoutSeconds: 10,
        httpRequestsPerSecond: 100,
        pipelinedRequests: 16,
      },
      storage: { path: 'data/sss.db', url: undefined },
      bus: { url: undefined, channel: 'sss:fleet' },
      history: {
        enabled: true,
        maxBytes: 2 * 1024 ** 3,
        retention: { raw: 2 * DAY, '1m': 30 * DAY, '15m': 365 * DAY, '1h': 5 * 365 * DAY },
      },
      metrics: { mode: 'token', token: undefined },
      admin: {
        username: 'admin',
        passwordHash: undefined,
        sessionIdleMs: 12 * 3_600_000,
        sessionMaxMs: 7 * DAY,
        auditRetentionMs: 365 * DAY,
      },
      board: { public: true },
      servers: [],
      enrollment: {
        keys: [],
        kubernetes: {
          enabled: false,
          audience: 'sss-dashboard',
          serviceAccount: 'system:serviceaccount:sss-agent:sss-agent',
          apiServer: '',
          caFile: '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt',
          tokenFile: '/var/run/secrets/kubernetes.io/serviceaccount/token',
          concurrentReviews: 4,
        },
      },
    });
  });

  it('reads the allowed origins as browsers send them, from a list or a comma-separated variable, and refuses anything else', () => {
    expect(
      loadConfig(file('frontendAllowedOrigins: [https://Status.Example.com, "http://10.0.0.5:8900/"]\n'), {}).frontendAllowedOrigins,
    ).toEqual(['https://status.example.com', 'http://10.0.0.5:8900']);
    expect(loadConfig(undefined, { SSS_FRONTEND_ALLOWED_ORIGINS: 'https://a.example, https://b.example' }).frontendAllowedOrigins).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
    for (const bad of ['status.example.com', 'https://status.example.com/board', 'null', 'ftp://x.example']) {
      expect(() => loadConfig(undefined, { SSS_FRONTEND_ALLOWED_ORIGINS: bad })).toThrow(
        `config: frontendAllowedOrigins[0]: must be an origin like https://status.example.com, got "${bad}"`,
      );
    }
  });

  it('reads trustProxy as addresses and CIDR ranges, from a list or a comma-separated variable, and refuses anything else', () => {
    expect(loadConfig(file('trustProxy: [127.0.0.1, 10.0.0.0/8, "::1", "fd00::/8"]\n'), {}).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
    ]);
    expect(loadConfig(undefined, { SSS_TRUST_PROXY: '10.0.0.1, 10.0.0.2' }).trustProxy).toEqual(['10.0.0.1', '10.0.0.2']);
    for (const bad of ['true', 'loopback', '10.0.0.0/33', '::/129', '10.0.0.0/8/1', 'proxy.example', '10.0.0.0/x']) {
      expect(() => loadConfig(undefined, { SSS_TRUST_PROXY: bad })).toThrow(
        `config: trustProxy[0]: must be an IP address or a CIDR range like 10.0.0.0/8, got "${bad}"`,
      );
    }
  });

  it('reads tls as a readable certificate and key file, both or neither', () => {
    const cert = file('cert');
    const key = file('key');
    expect(loadConfig(undefined, { SSS_TLS__CERT_FILE: cert, SSS_TLS__KEY_FILE: key }).tls).toEqual({ certFile: cert, keyFile: key });
    expect(() => loadConfig(undefined, { SSS_TLS__CERT_FILE: cert })).toThrow(
      'config: tls.keyFile: is needed with the other: set tls.certFile and tls.keyFile',
    );
    expect(() => loadConfig(undefined, { SSS_TLS__CERT_FILE: cert, SSS_TLS__KEY_FILE: '/nonexistent.pem' })).toThrow(
      'config: tls.keyFile: cannot read /nonexistent.pem (ENOENT)',
    );
  });

  it('reads the limits section and refuses an unknown limit', () => {
    expect(loadConfig(undefined, { SSS_LIMITS__REPORTS_PER_SECOND: '2' }).limits.reportsPerSecond).toBe(2);
    expect(() => loadConfig(file('limits: { reportPerSecond: 2 }\n'), {})).toThrow(
      /limits\.reportPerSecond: unknown key, did you mean reportsPerSecond/,
    );
  });

  it('reads the admin and the board, and refuses a password hash that is not argon2id', () => {
    const hash = '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA';
    const config = loadConfig(
      file(
        `admin: { username: root, passwordHash: "${hash}", sessionIdle: 30m, sessionMax: 1d, auditRetention: 30d }\nboard: { public: false }\n`,
      ),
      {},
    );
    expect(config.admin).toEqual({
      username: 'root',
      passwordHash: hash,
      sessionIdleMs: 30 * 60_000,
      sessionMaxMs: DAY,
      auditRetentionMs: 30 * DAY,
    });
    expect(config.board).toEqual({ public: false });
    expect(() => loadConfig(file('admin: { passwordHash: "5f4dcc3b5aa765d61d8327deb882cf99" }\n'), {})).toThrow(
      'admin.passwordHash: must match an argon2id hash ($argon2id$...)',
    );
  });

  it('reads OpenID Connect login with its defaults, the client secret from the file, a file or SSS_OIDC_CLIENT_SECRET', () => {
    const oidc =
      'oidc: { issuer: "https://id.example.com/realms/ops/", clientId: sss, clientSecret: s3, roleClaim: groups, adminValues: [ops] }\n';
    const config = loadConfig(file(`${oidc}publicUrl: https://status.example.com/\n`), {});
    expect(config.oidc).toEqual({
      issuer: 'https://id.example.com/realms/ops',
      clientId: 'sss',
      clientSecret: 's3',
      scopes: 'openid profile email',
      roleClaim: 'groups',
      adminValues: ['ops'],
      viewerValues: [],
      usernameClaim: 'preferred_username',
      displayName: 'single sign-on',
    });
    expect(config.publicUrl).toBe('https://status.example.com');
    expect(loadConfig(file(oidc), { SSS_OIDC_CLIENT_SECRET: 'from-env' }).oidc?.clientSecret).toBe('from-env');
    const fromEnv = loadConfig(undefined, {
      SSS_OIDC__ISSUER: 'https://id.example.com',
      SSS_OIDC__CLIENT_ID: 'sss',
      SSS_OIDC_CLIENT_SECRET: 'from-env',
      SSS_OIDC__ROLE_CLAIM: 'roles',
      SSS_OIDC__ADMIN_VALUES: 'ops, sre',
    });
    expect(fromEnv.oidc).toMatchObject({ clientSecret: 'from-env', roleClaim: 'roles', adminValues: ['ops', 'sre'] });
    const secretFile = file('from-file\n');
    const fromFile = `oidc: { issuer: "http://127.0.0.1:9000", clientId: sss, clientSecretFile: "${secretFile}", roleClaim: roles, viewerValues: [staff] }\n`;
    expect(loadConfig(file(fromFile), {}).oidc?.clientSecret).toBe('from-file');
  });

  it('refuses an OpenID Connect config that could not work, saying why', () => {
    const base = { issuer: 'https://id.example.com', clientId: 'sss', clientSecret: 's3', roleClaim: 'groups', adminValues: 'ops' };
    const withOidc = (o: Record<string, string>) => file(`oidc: ${JSON.stringify(o)}\n`);
    const cases: [Record<string, string>, string][] = [
      [
        { ...base, issuer: 'http://id.example.com' },
        'oidc.issuer: must be https:// (plain http only on localhost), got "http://id.example.com"',
      ],
      [{ ...base, issuer: 'id.example.com' }, 'oidc.issuer: must be an absolute URL (https://host[/path]), got "id.example.com"'],
      [{ ...base, adminValues: '' }, 'oidc.adminValues: give adminValues or viewerValues (or both): without them nobody could sign in'],
      [{ ...base, scopes: 'profile email' }, 'oidc.scopes: must include openid, got "profile email"'],
      [{ ...base, roleclaim: 'groups' }, 'oidc.roleclaim: unknown key, did you mean roleClaim'],
    ];
    for (const [oidc, message] of cases) expect(failure(() => loadConfig(withOidc(oidc), {})).message).toContain(message);
    const noSecret: Partial<typeof base> = { ...base };
    delete noSecret.clientSecret;
    expect(failure(() => loadConfig(withOidc(noSecret as Record<string, string>), {})).message).toContain(
      'oidc.clientSecret: one of clientSecret, clientSecretFile or SSS_OIDC_CLIENT_SECRET is required',
    );
    expect(failure(() => loadConfig(undefined, { SSS_PUBLIC_URL: 'https://status.example.com/?x=1' })).message).toContain(
      'publicUrl: must not have a query, fragment or credentials',
    );
  });

  it('reads storage and history, with SSS_STORAGE_URL for the database URL', () => {
    const config = loadConfig(
      file('storage: { path: /var/lib/sss/sss.db }\nhistory: { enabled: false, maxBytes: 512MiB, retention: { raw: 6h, 1h: 2y } }\n'),
      { SSS_STORAGE_URL: 'postgres://sss@db/sss' },
    );
    expect(config.storage).toEqual({ path: '/var/lib/sss/sss.db', url: 'postgres://sss@db/sss' });
    expect(config.history).toEqual({
      enabled: false,
      maxBytes: 512 * 1024 ** 2,
      retention: { raw: 6 * 3_600_000, '1m': 30 * DAY, '15m': 365 * DAY, '1h': 2 * 365 * DAY },
    });
  });

  it('reads the bus, with SSS_BUS_URL over bus.url', () => {
    expect(loadConfig(file('bus: { url: redis://cache:6379/0, channel: sss:staging }\n'), {}).bus).toEqual({
      url: 'redis://cache:6379/0',
      channel: 'sss:staging',
    });
    expect(loadConfig(file('bus: { url: redis://cache }\n'), { SSS_BUS_URL: 'rediss://:pw@cache:6380' }).bus.url).toBe(
      'rediss://:pw@cache:6380',
    );
  });

  it('reads metrics, with SSS_METRICS_TOKEN over metrics.token', () => {
    expect(loadConfig(file('metrics: { mode: public }\n'), {}).metrics).toEqual({ mode: 'public', token: undefined });
    expect(loadConfig(file('metrics: { token: from-file }\n'), {}).metrics).toEqual({ mode: 'token', token: 'from-file' });
    expect(loadConfig(file('metrics: { token: from-file }\n'), { SSS_METRICS_TOKEN: 'from-env' }).metrics.token).toBe('from-env');
    expect(loadConfig(undefined, { SSS_METRICS__MODE: 'off' }).metrics.mode).toBe('off');
  });

  it.each([
    ['metrics: { mode: private }', 'metrics.mode: must be one of off, public, token'],
    ['metrics: { tokn: x }', 'metrics.tokn: unknown key, did you mean token?'],
    ['storage: { url: mysql://x }', 'storage.url: must be a postgres:// or postgresql:// URL'],
    ['bus: { url: cache:6379 }', 'bus.url: must be a redis:// or rediss:// URL'],
    ['bus: { url: "redis://" }', 'bus.url: must be a redis:// or rediss:// URL'],
    ['bus: { chanel: x }', 'bus.chanel: unknown key, did you mean channel?'],
    ['history: { retention: { 5m: 1d } }', 'history.retention.5m: unknown key'],
    ['history: { maxBytes: 1MiB }', 'history.maxBytes: is too small (1MiB)'],
    ['history: { retention: { raw: forever } }', 'history.retention.raw: must be a duration'],
  ])('refuses %s', (yaml, message) => {
    expect(() => loadConfig(file(yaml), {})).toThrow(message);
  });

  it('reads every key from the file', () => {
    const config = loadConfig(
      file(
        'host: 127.0.0.1\nport: 9000\nofflineAfterSeconds: 10\nmaxMessageBytes: 2048\nidleTimeoutSeconds: 5\n' +
          'servers:\n  - { id: web-1, name: Web, secret: s1, group: prod, countryCode: de }\n',
      ),
      {},
    );
    expect(config).toMatchObject({ host: '127.0.0.1', port: 9000, offlineAfterSeconds: 10, maxMessageBytes: 2048, idleTimeoutSeconds: 5 });
    expect(config.servers).toEqual([{ id: 'web-1', name: 'Web', secret: 's1', group: 'prod', countryCode: 'DE' }]);
  });

  it('reads a server billing cycle, filling in what it leaves out', () => {
    const config = loadConfig(
      file(
        'servers:\n  - { id: a, secret: x, traffic: { resetDay: 31, quotaBytes: 1TB, direction: max } }\n' +
          '  - { id: b, secret: y, traffic: { quotaBytes: 500GiB } }\n  - { id: c, secret: z }\n',
      ),
      { SSS_SERVERS__2__TRAFFIC__RESET_DAY: '15' },
    );
    expect(config.servers.map((s) => s.traffic)).toEqual([
      { resetDay: 31, quotaBytes: 1e12, direction: 'max' },
      { resetDay: 1, quotaBytes: 500 * 1024 ** 3, direction: 'sum' },
      { resetDay: 15, quotaBytes: null, direction: 'sum' },
    ]);
  });

  it('lets environment variables override file keys, list items included', () => {
    const config = loadConfig(file(`port: 9000\n${ONE_SERVER}`), {
      SSS_PORT: '9100',
      SSS_OFFLINE_AFTER_SECONDS: '7',
      SSS_SERVERS__0__SECRET: 'from-env',
      SSS_SERVERS__0__GROUP: 'staging',
      SSS_CONFIG: 'ignored.yaml',
      SSS_LOG_FORMAT: 'json',
      SSS_AGENT_SERVER: 'ws://elsewhere',
    });
    expect(config.port).toBe(9100);
    expect(config.offlineAfterSeconds).toBe(7);
    expect(config.servers[0]).toMatchObject({ id: 'web-1', secret: 'from-env', group: 'staging' });
  });

  it('takes a whole server list from SSS_SERVERS as JSON or YAML', () => {
    expect(loadConfig(undefined, { SSS_SERVERS: '[{"id":"a","secret":"x"}]' }).servers).toEqual([{ id: 'a', secret: 'x' }]);
    expect(loadConfig(undefined, { SSS_SERVERS: '- id: b\n  secret: y\n' }).servers).toEqual([{ id: 'b', secret: 'y' }]);
    const combined = loadConfig(undefined, { SSS_SERVERS: '[{"id":"a","secret":"x"}]', SSS_SERVERS__0__NAME: 'A' });
    expect(combined.servers).toEqual([{ id: 'a', secret: 'x', name: 'A' }]);
  });

  it('reads secrets from a file (one trailing newline dropped) or a named environment variable', () => {
    const secretFile = file('from-file\n');
    const config = loadConfig(file(`servers:\n  - { id: a, secretFile: ${secretFile} }\n  - { id: b, secretEnv: B_SECRET }\n`), {
      B_SECRET: 'from-env',
    });
    expect(config.servers.map((s) => s.secret)).toEqual(['from-file', 'from-env']);
  });

  it('reads enrollment keys (anchored patterns, expiry, revocation, secrets from files) and Kubernetes identity with the in-cluster defaults', () => {
    const keyFile = file('key-from-file\n');
    const ca = file('-----BEGIN CERTIFICATE-----\n');
    const config = loadConfig(
      file(
        'enrollment:\n  keys:\n' +
          `    - { secretFile: ${keyFile}, idPattern: "node-[0-9]+", group: edge, expires: "2027-01-31T00:00:00Z" }\n` +
          '    - { secretEnv: OLD_KEY, idPattern: ".*", revoked: true }\n' +
          `  kubernetes: { enabled: true, audience: sss-test, caFile: ${ca}, tokenFile: ${ca}, concurrentReviews: 2 }\n`,
      ),
      { OLD_KEY: 'old', KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '6443' },
    );
    const [key, old] = config.enrollment.keys;
    expect(key).toEqual({
      secret: 'key-from-file',
      idPattern: 'node-[0-9]+',
      group: 'edge',
      expiresAt: Date.UTC(2027, 0, 31),
      revoked: false,
    });
    const pattern = anchoredIdPattern(key.idPattern);
    expect(['node-12', 'node-12x', 'xnode-12', 'node-'].map((id) => pattern.test(id))).toEqual([true, false, false, false]);
    expect(old).toEqual(expect.objectContaining({ secret: 'old', revoked: true, expiresAt: undefined }));
    expect(config.enrollment.kubernetes).toEqual({
      enabled: true,
      audience: 'sss-test',
      serviceAccount: 'system:serviceaccount:sss-agent:sss-agent',
      apiServer: 'https://[fd00::1]:6443',
      caFile: ca,
      tokenFile: ca,
      concurrentReviews: 2,
    });
  });

  it.each<[string, string, NodeJS.ProcessEnv, string, RegExp]>([
    ['an unknown top-level key', 'prot: 1\n', {}, 'prot', /unknown key/],
    ['an unknown server key', 'servers:\n  - { id: a, secret: x, colour: red }\n', {}, 'servers[0].colour', /unknown key/],
    ['an unknown SSS_ variable', '', { SSS_PROT: '1' }, 'prot', /unknown key/],
    ['a non-numeric port', 'port: eighty\n', {}, 'port', /must be an integer/],
    ['a port out of range', '', { SSS_PORT: '70000' }, 'port', /must be <= 65535/],
    ['a zero offline threshold', 'offlineAfterSeconds: 0\n', {}, 'offlineAfterSeconds', /must be >= 1/],
    ['servers that are not a list', 'servers: web-1\n', {}, 'servers', /must be a list/],
    ['a server that is not a mapping', 'servers:\n  - web-1\n', {}, 'servers[0]', /must be a mapping/],
    ['a missing id', 'servers:\n  - { secret: x }\n', {}, 'servers[0].id', /is required/],
    ['a bad id', 'servers:\n  - { id: "web 1", secret: x }\n', {}, 'servers[0].id', /must match/],
    ['an id too long', `servers:\n  - { id: ${'a'.repeat(65)}, secret: x }\n`, {}, 'servers[0].id', /must match/],
    ['a duplicate id', 'servers:\n  - { id: a, secret: x }\n  - { id: a, secret: y }\n', {}, 'servers[1].id', /duplicate id "a"/],
    ['no secret', 'servers:\n  - { id: a }\n', {}, 'servers[0].secret', /one of secret, secretFile or secretEnv/],
    ['two secrets', 'servers:\n  - { id: a, secret: x, secretEnv: X }\n', {}, 'servers[0].secret', /give only one/],
    ['an unset secretEnv', 'servers:\n  - { id: a, secretEnv: NOPE }\n', {}, 'servers[0].secretEnv', /NOPE is not set/],
    ['a missing secretFile', 'servers:\n  - { id: a, secretFile: /nonexistent/secret }\n', {}, 'servers[0].secretFile', /cannot read/],
    ['a bad country code', 'servers:\n  - { id: a, secret: x, countryCode: GER }\n', {}, 'servers[0].countryCode', /two letters/],
    [
      'an unknown traffic key',
      'servers:\n  - { id: a, secret: x, traffic: { quota: 1TB } }\n',
      {},
      'servers[0].traffic.quota',
      /did you mean quotaBytes/,
    ],
    [
      'a reset day past 31',
      'servers:\n  - { id: a, secret: x, traffic: { resetDay: 32 } }\n',
      {},
      'servers[0].traffic.resetDay',
      /must be <= 31/,
    ],
    [
      'a reset day of 0',
      'servers:\n  - { id: a, secret: x, traffic: { resetDay: 0 } }\n',
      {},
      'servers[0].traffic.resetDay',
      /must be >= 1/,
    ],
    [
      'a quota without a size',
      'servers:\n  - { id: a, secret: x, traffic: { quotaBytes: lots } }\n',
      {},
      'servers[0].traffic.quotaBytes',
      /must be a size/,
    ],
    ['a zero quota', 'servers:\n  - { id: a, secret: x, traffic: { quotaBytes: 0 } }\n', {}, 'servers[0].traffic.quotaBytes', /too small/],
    [
      'an unknown direction',
      'servers:\n  - { id: a, secret: x, traffic: { direction: both } }\n',
      {},
      'servers[0].traffic.direction',
      /must be one of sum, max, in, out, got "both"/,
    ],
    ['traffic that is not a mapping', 'servers:\n  - { id: a, secret: x, traffic: 1TB }\n', {}, 'servers[0].traffic', /must be a mapping/],
    ['bad SSS_SERVERS text', '', { SSS_SERVERS: '[{"id": ' }, 'servers', /not valid YAML/],
    ['an enrollment key without a secret', 'enrollment:\n  keys:\n    - { idPattern: x }\n', {}, 'enrollment.keys[0].secret', /one of/],
    [
      'an enrollment key without a pattern',
      'enrollment:\n  keys:\n    - { secret: k }\n',
      {},
      'enrollment.keys[0].idPattern',
      /is required/,
    ],
    [
      'an idPattern that is no regular expression',
      'enrollment:\n  keys:\n    - { secret: k, idPattern: "node-(" }\n',
      {},
      'enrollment.keys[0].idPattern',
      /not a valid regular expression/,
    ],
    [
      'an expiry that is no ISO time with a zone',
      'enrollment:\n  keys:\n    - { secret: k, idPattern: x, expires: "2027-01-31 00:00" }\n',
      {},
      'enrollment.keys[0].expires',
      /ISO 8601 time with a zone/,
    ],
    [
      'a missing enrollment key file',
      'enrollment:\n  keys:\n    - { secretFile: /nonexistent/key, idPattern: x }\n',
      {},
      'enrollment.keys[0].secretFile',
      /cannot read \/nonexistent\/key \(ENOENT\)/,
    ],
    [
      'a misspelt enrollment key',
      'enrollment:\n  keys:\n    - { secret: k, idPatern: x }\n',
      {},
      'enrollment.keys[0].idPatern',
      /did you mean idPattern/,
    ],
    [
      'Kubernetes identity outside a cluster',
      'enrollment:\n  kubernetes: { enabled: true }\n',
      {},
      'enrollment.kubernetes.apiServer',
      /required outside a cluster/,
    ],
    [
      'an API server that is not https',
      'enrollment:\n  kubernetes: { enabled: true, apiServer: "http://10.0.0.1" }\n',
      {},
      'enrollment.kubernetes.apiServer',
      /https:\/\/HOST/,
    ],
    [
      'an unreadable CA file once it is on',
      'enrollment:\n  kubernetes: { enabled: true, apiServer: "https://10.0.0.1:6443", caFile: /nonexistent/ca.crt }\n',
      {},
      'enrollment.kubernetes.caFile',
      /cannot read \/nonexistent\/ca.crt/,
    ],
  ])('rejects %s, naming the key', (_, yaml, env, key, reason) => {
    const err = failure(() => loadConfig(file(yaml), env));
    expect(err.key).toBe(key);
    expect(err.reason).toMatch(reason);
    expect(err.message).toBe(`config: ${key}: ${err.reason}`);
  });

  it('names the file when it is missing, unreadable YAML, or not a mapping', () => {
    expect(failure(() => loadConfig('/nonexistent/dashboard.yaml', {})).message).toBe(
      'config: /nonexistent/dashboard.yaml: file not found',
    );
    const bad = file('port: [1, 2\n');
    expect(failure(() => loadConfig(bad, {})).key).toBe(bad);
    expect(failure(() => loadConfig(bad, {})).reason).toMatch(/^not valid YAML/);
    const list = file('- a\n- b\n');
    expect(failure(() => loadConfig(list, {}))).toMatchObject({ key: list, reason: 'must be a YAML mapping of keys' });
    const dupe = file('port: 1\nport: 2\n');
    expect(failure(() => loadConfig(dupe, {})).reason).toMatch(/not valid YAML/);
  });

  it('never puts a secret into an error message', () => {
    const err = failure(() => loadConfig(file('servers:\n  - { id: a, secret: topsecret, secretEnv: X }\n'), {}));
    expect(err.message).not.toContain('topsecret');
  });
});

describe('configPathFrom', () => {
  it('prefers --config over SSS_CONFIG and accepts both flag forms', () => {
    expect(configPathFrom(['--config', 'a.yaml'], { SSS_CONFIG: 'b.yaml' })).toBe('a.yaml');
    expect(configPathFrom(['--config=c.yaml'], {})).toBe('c.yaml');
    expect(configPathFrom([], { SSS_CONFIG: 'b.yaml' })).toBe('b.yaml');
    expect(configPathFrom([], {})).toBeUndefined();
    expect(failure(() => configPathFrom(['--config'], {})).key).toBe('--config');
    expect(failure(() => configPathFrom(['--config='], {})).reason).toBe('needs a file path');
  });

  it('refuses any other argument, naming the flag it probably meant', () => {
    expect(failure(() => configPathFrom(['--confg', 'a.yaml'], {}))).toMatchObject({
      key: '--confg',
      reason: 'unknown flag, did you mean --config? (see --help)',
    });
    expect(failure(() => configPathFrom(['a.yaml'], {}))).toMatchObject({ key: 'a.yaml', reason: 'unknown flag (see --help)' });
  });
});
