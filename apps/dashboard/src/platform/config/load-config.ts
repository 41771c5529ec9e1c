import {
  applyEnvOverrides,
  ConfigError,
  ConfigReader,
  COUNTRY_CODE,
  readSecret,
  readSecretFile,
  readYamlFile,
  unknownFlag,
} from '@sss/config';
import { accessSync, constants } from 'node:fs';
import {
  HISTORY_TIERS,
  DEFAULT_IDLE_TIMEOUT_SECONDS,
  DEFAULT_MAX_MESSAGE_BYTES,
  DEFAULT_OFFLINE_AFTER_SECONDS,
  DEFAULT_PORT,
  Limits,
  SERVER_ID_PATTERN,
  TRAFFIC_DIRECTIONS,
  type TrafficDirection,
  type TrafficPlan,
} from '@sss/contracts';
import {
  type AdminConfig,
  type BusConfig,
  DEFAULT_STORAGE_PATH,
  METRICS_MODES,
  type DashboardConfig,
  type EnrollmentConfig,
  type EnrollmentKeyConfig,
  IN_CLUSTER_ACCOUNT_DIR,
  type KubernetesIdentityConfig,
  type HistoryConfig,
  type MetricsConfig,
  type MetricsMode,
  type OidcConfig,
  type LimitsConfig,
  type ServerEntryConfig,
  type StorageConfig,
  type TlsConfig,
} from './dashboard-config';
import { isIP } from 'node:net';
import { anchoredIdPattern } from '../../enrollment/domain/enrollment-key';

const USERNAME_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** Environment variables that configure the process, not a config key. */
const RESERVED_ENV = [
  'SSS_CONFIG',
  'SSS_LOG_',
  'SSS_AGENT_',
  'SSS_STORAGE_URL',
  'SSS_BUS_URL',
  'SSS_METRICS_TOKEN',
  'SSS_OIDC_CLIENT_SECRET',
];
const ENV_PREFIX = 'SSS_';

const TOP_KEYS = [
  'host',
  'port',
  'offlineAfterSeconds',
  'maxMessageBytes',
  'idleTimeoutSeconds',
  'frontendMaxBufferedBytes',
  'frontendMaxBackedUpSeconds',
  'frontendAllowedOrigins',
  'trustProxy',
  'tls',
  'limits',
  'webRoot',
  'storage',
  'bus',
  'history',
  'metrics',
  'admin',
  'oidc',
  'publicUrl',
  'board',
  'servers',
  'enrollment',
];
const LIMITS_KEYS = [
  'agentConnections',
  'reportsPerSecond',
  'upgradesPerSecond',
  'authFailures',
  'blockSeconds',
  'handshakeTimeoutSeconds',
  'httpRequestsPerSecond',
  'pipelinedRequests',
];
const STORAGE_KEYS = ['path', 'url'];
const BUS_KEYS = ['url', 'channel'];
const HISTORY_KEYS = ['enabled', 'maxBytes', 'retention'];
const METRICS_KEYS = ['mode', 'token'];
const ADMIN_KEYS = ['username', 'passwordHash', 'sessionIdle', 'sessionMax', 'auditRetention'];
const BOARD_KEYS = ['public'];
const OIDC_KEYS = [
  'issuer',
  'clientId',
  'clientSecret',
  'clientSecretFile',
  'scopes',
  'roleClaim',
  'adminValues',
  'viewerValues',
  'usernameClaim',
  'displayName',
];
/** Plain HTTP is accepted only on this machine (a provider for tests or development). */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];
const TLS_KEYS = ['certFile', 'keyFile'];
const HOUR = 3_600_000;
const DAY = 86_400_000;
const SERVER_KEYS = ['id', 'name', 'secret', 'secretFile', 'secretEnv', 'group', 'countryCode', 'hidden', 'traffic'];
const TRAFFIC_KEYS = ['resetDay', 'quotaBytes', 'direction'];
const ENROLLMENT_KEYS = ['keys', 'kubernetes'];
const ENROLLMENT_KEY_KEYS = ['secret', 'secretFile', 'secretEnv', 'idPattern', 'group', 'expires', 'revoked'];
const KUBERNETES_KEYS = ['enabled', 'audience', 'serviceAccount', 'apiServer', 'caFile', 'tokenFile', 'concurrentReviews'];
/** ISO 8601 with a date and a time zone, so an expiry means the same instant on every machine. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:\d{2})$/;

const CONFIG_FLAG = '--config';

/** What `dashboard --help` prints. */
export const DASHBOARD_USAGE = `Usage: sss-dashboard [--config FILE]

Runs the SimpleServerStatus dashboard: agents report to /ws-report, browsers
follow /ws-frontend and open the console at /.

Options:
  --config FILE   the YAML config file (default: $SSS_CONFIG; without either,
                  the defaults and SSS_* variables only)
  -h, --help      print this help
  -v, --version   print the version

Every config key can also be set by an SSS_* environment variable
(README, "Dashboard configuration").`;

/** Finds the config file: `--config PATH` wins over SSS_CONFIG. Any other argument is an error. */
export function configPathFrom(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  let path: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].startsWith(`${CONFIG_FLAG}=`)
      ? [CONFIG_FLAG, argv[i].slice(CONFIG_FLAG.length + 1)]
      : [argv[i], undefined];
    if (name !== CONFIG_FLAG) throw new ConfigError(name, unknownFlag(name, [CONFIG_FLAG]));
    path = inline ?? argv[++i];
    if (!path) throw new ConfigError(CONFIG_FLAG, 'needs a file path');
  }
  return path ?? (env.SSS_CONFIG || undefined);
}

/** Reads the YAML file (if any), overlays SSS_* variables and validates everything. */
export function loadConfig(path: string | undefined, env: NodeJS.ProcessEnv): DashboardConfig {
  const raw = path ? readYamlFile(path) : {};
  applyEnvOverrides(raw, env, ENV_PREFIX, RESERVED_ENV);
  const r = new ConfigReader(raw).allowOnly(TOP_KEYS);
  const servers = r.list('servers').map((s) => readServer(s, env));
  const seen = new Set<string>();
  servers.forEach((s, i) => {
    if (seen.has(s.id)) throw new ConfigError(`servers[${i}].id`, `duplicate id "${s.id}"`);
    seen.add(s.id);
  });
  return {
    host: r.str('host', '0.0.0.0'),
    port: r.int('port', DEFAULT_PORT, { min: 0, max: 65535 }),
    offlineAfterSeconds: r.int('offlineAfterSeconds', DEFAULT_OFFLINE_AFTER_SECONDS, { min: 1, max: 86_400 }),
    maxMessageBytes: r.int('maxMessageBytes', DEFAULT_MAX_MESSAGE_BYTES, { min: 1024, max: 16 * 1024 * 1024 }),
    idleTimeoutSeconds: r.int('idleTimeoutSeconds', DEFAULT_IDLE_TIMEOUT_SECONDS, { min: 1, max: 86_400 }),
    frontendMaxBufferedBytes: r.int('frontendMaxBufferedBytes', 32 * 1024 * 1024, { min: 64 * 1024 }),
    frontendMaxBackedUpSeconds: r.int('frontendMaxBackedUpSeconds', 30, { min: 1, max: 3_600 }),
    frontendAllowedOrigins: readOrigins(r),
    trustProxy: readTrustProxy(r),
    tls: readTls(r.section('tls')),
    limits: readLimits(r.section('limits')),
    webRoot: r.optionalStr('webRoot'),
    storage: readStorage(r.section('storage'), env),
    bus: readBus(r.section('bus'), env),
    history: readHistory(r.section('history')),
    metrics: readMetrics(r.section('metrics'), env),
    admin: readAdmin(r.section('admin')),
    oidc: r.has('oidc') ? readOidc(r.section('oidc'), env) : undefined,
    publicUrl: readPublicUrl(r),
    board: { public: r.section('board').allowOnly(BOARD_KEYS).bool('public', true) },
    servers,
    enrollment: readEnrollment(r.section('enrollment'), env),
  };
}

/** Each origin as browsers send it: scheme://host[:port], lower case, no path. */
function readOrigins(r: ConfigReader): string[] {
  return r.strList('frontendAllowedOrigins', []).map((origin, i) => {
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      // reported below
    }
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== origin.toLowerCase().replace(/\/$/, '')) {
      throw r.error(`frontendAllowedOrigins[${i}]`, `must be an origin like https://status.example.com, got "${origin}"`);
    }
    return url.origin;
  });
}

/** Proxy addresses as IPs or CIDR ranges (`10.0.0.0/8`, `::1`), checked here so that a typo stops the start. */
function readTrustProxy(r: ConfigReader): string[] {
  return r.strList('trustProxy', []).map((entry, i) => {
    const [address, bits, ...rest] = entry.split('/');
    const family = isIP(address);
    const maxBits = family === 6 ? 128 : 32;
    if (family === 0 || rest.length > 0 || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= maxBits))) {
      throw r.error(`trustProxy[${i}]`, `must be an IP address or a CIDR range like 10.0.0.0/8, got "${entry}"`);
    }
    return entry;
  });
}

/** Both files or neither; each readable now (a renewal later replaces them in place). */
function readTls(t: ConfigReader): TlsConfig | undefined {
  t.allowOnly(TLS_KEYS);
  const certFile = t.optionalStr('certFile');
  const keyFile = t.optionalStr('keyFile');
  if (certFile === undefined && keyFile === undefined) return undefined;
  if (certFile === undefined || keyFile === undefined) {
    throw t.error(certFile === undefined ? 'certFile' : 'keyFile', 'is needed with the other: set tls.certFile and tls.keyFile');
  }
  for (const [key, file] of [
    ['certFile', certFile],
    ['keyFile', keyFile],
  ]) {
    try {
      accessSync(file, constants.R_OK);
    } catch (err) {
      throw t.error(key, `cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
  }
  return { certFile, keyFile };
}

function readLimits(l: ConfigReader): LimitsConfig {
  l.allowOnly(LIMITS_KEYS);
  return {
    agentConnections: l.int('agentConnections', 10_000, { min: 1 }),
    reportsPerSecond: l.int('reportsPerSecond', 10, { min: 1 }),
    upgradesPerSecond: l.int('upgradesPerSecond', 20, { min: 1 }),
    authFailures: l.int('authFailures', 20, { min: 1 }),
    blockSeconds: l.int('blockSeconds', 60, { min: 1, max: 86_400 }),
    handshakeTimeoutSeconds: l.int('handshakeTimeoutSeconds', 10, { min: 1, max: 300 }),
    httpRequestsPerSecond: l.int('httpRequestsPerSecond', 100, { min: 1 }),
    pipelinedRequests: l.int('pipelinedRequests', 16, { min: 1 }),
  };
}

function readStorage(s: ConfigReader, env: NodeJS.ProcessEnv): StorageConfig {
  s.allowOnly(STORAGE_KEYS);
  // The one variable named outside the SSS_<KEY>__<KEY> scheme, as container platforms hand out database URLs.
  const url = env.SSS_STORAGE_URL || s.optionalStr('url');
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url)) throw s.error('url', 'must be a postgres:// or postgresql:// URL');
  return { path: s.str('path', DEFAULT_STORAGE_PATH), url };
}

function readBus(b: ConfigReader, env: NodeJS.ProcessEnv): BusConfig {
  b.allowOnly(BUS_KEYS);
  // Named like SSS_STORAGE_URL, as container platforms hand out secrets as plain variables.
  const url = env.SSS_BUS_URL || b.optionalStr('url');
  if (url !== undefined && !/^rediss?:\/\/[^/?#]/.test(url)) throw b.error('url', 'must be a redis:// or rediss:// URL');
  return { url, channel: b.str('channel', 'sss:fleet') };
}

function readHistory(h: ConfigReader): HistoryConfig {
  h.allowOnly(HISTORY_KEYS);
  const r = h.section('retention').allowOnly(HISTORY_TIERS);
  const at = { min: 60_000, max: 50 * 365 * DAY };
  return {
    enabled: h.bool('enabled', true),
    maxBytes: h.bytes('maxBytes', 2 * 1024 ** 3, { min: 16 * 1024 ** 2 }),
    retention: {
      raw: r.duration('raw', 2 * DAY, at),
      '1m': r.duration('1m', 30 * DAY, at),
      '15m': r.duration('15m', 365 * DAY, at),
      '1h': r.duration('1h', 5 * 365 * DAY, at),
    },
  };
}

function readMetrics(m: ConfigReader, env: NodeJS.ProcessEnv): MetricsConfig {
  m.allowOnly(METRICS_KEYS);
  const mode = m.str('mode', 'token');
  if (!(METRICS_MODES as readonly string[]).includes(mode)) throw m.error('mode', `must be one of ${METRICS_MODES.join(', ')}`);
  // Named like SSS_STORAGE_URL, as container platforms hand out secrets as plain variables.
  return { mode: mode as MetricsMode, token: env.SSS_METRICS_TOKEN || m.optionalStr('token') };
}

function readAdmin(a: ConfigReader): AdminConfig {
  a.allowOnly(ADMIN_KEYS);
  const span = { min: 60_000, max: 365 * DAY };
  return {
    username: a.str('username', 'admin', { pattern: USERNAME_PATTERN, patternHint: 'letters, digits, . _ - (1 to 64)' }),
    passwordHash: a.optionalStr('passwordHash', { pattern: /^\$argon2id\$/, patternHint: 'an argon2id hash ($argon2id$...)' }),
    sessionIdleMs: a.duration('sessionIdle', 12 * HOUR, span),
    sessionMaxMs: a.duration('sessionMax', 7 * DAY, span),
    auditRetentionMs: a.duration('auditRetention', 365 * DAY, { min: DAY, max: 50 * 365 * DAY }),
  };
}

function readOidc(o: ConfigReader, env: NodeJS.ProcessEnv): OidcConfig {
  o.allowOnly(OIDC_KEYS);
  const issuer = readHttpUrl(o, 'issuer', o.str('issuer'));
  const adminValues = o.strList('adminValues', []);
  const viewerValues = o.strList('viewerValues', []);
  if (adminValues.length + viewerValues.length === 0) {
    throw o.error('adminValues', 'give adminValues or viewerValues (or both): without them nobody could sign in');
  }
  const scopes = o.str('scopes', 'openid profile email');
  if (!scopes.split(/\s+/).includes('openid')) throw o.error('scopes', `must include openid, got "${scopes}"`);
  return {
    issuer: issuer.replace(/\/$/, ''),
    clientId: o.str('clientId'),
    clientSecret: readClientSecret(o, env),
    scopes,
    roleClaim: o.str('roleClaim'),
    adminValues,
    viewerValues,
    usernameClaim: o.str('usernameClaim', 'preferred_username'),
    displayName: o.str('displayName', 'single sign-on', { maxLength: 64 }),
  };
}

/** SSS_OIDC_CLIENT_SECRET wins, as for the other secrets that container platforms hand out as variables. */
function readClientSecret(o: ConfigReader, env: NodeJS.ProcessEnv): string {
  if (env.SSS_OIDC_CLIENT_SECRET) return env.SSS_OIDC_CLIENT_SECRET;
  const given = ['clientSecret', 'clientSecretFile'].filter((k) => o.has(k));
  if (given.length !== 1) {
    throw o.error(
      'clientSecret',
      given.length === 0
        ? 'one of clientSecret, clientSecretFile or SSS_OIDC_CLIENT_SECRET is required'
        : 'give only one of clientSecret, clientSecretFile',
    );
  }
  if (given[0] === 'clientSecret') return o.str('clientSecret');
  return readSecretFile(o, 'clientSecretFile');
}

function readPublicUrl(r: ConfigReader): string | undefined {
  const text = r.optionalStr('publicUrl');
  return text === undefined ? undefined : readHttpUrl(r, 'publicUrl', text).replace(/\/$/, '');
}

/** An absolute https URL, or http on the loopback interface; no query or fragment. */
function readHttpUrl(r: ConfigReader, key: string, text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw r.error(key, `must be an absolute URL (https://host[/path]), got "${text}"`);
  }
  const insecureOk = url.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname);
  if (url.protocol !== 'https:' && !insecureOk) throw r.error(key, `must be https:// (plain http only on localhost), got "${text}"`);
  if (url.search || url.hash || url.username || url.password)
    throw r.error(key, `must not have a query, fragment or credentials, got "${text}"`);
  return text;
}

function readServer(s: ConfigReader, env: NodeJS.ProcessEnv): ServerEntryConfig {
  s.allowOnly(SERVER_KEYS);
  const text = { maxLength: Limits.TEXT_MAX_LENGTH };
  return {
    id: s.str('id', undefined, { pattern: SERVER_ID_PATTERN }),
    name: s.optionalStr('name', text),
    secret: readSecret(s, env),
    group: s.optionalStr('group', text),
    countryCode: s.optionalStr('countryCode', COUNTRY_CODE)?.toUpperCase(),
    ...(s.bool('hidden', false) ? { hidden: true } : {}),
    traffic: s.has('traffic') ? readTraffic(s.section('traffic')) : undefined,
  };
}

function readTraffic(t: ConfigReader): TrafficPlan {
  t.allowOnly(TRAFFIC_KEYS);
  const direction = t.str('direction', 'sum');
  if (!(TRAFFIC_DIRECTIONS as readonly string[]).includes(direction)) {
    throw t.error('direction', `must be one of ${TRAFFIC_DIRECTIONS.join(', ')}, got "${direction}"`);
  }
  return {
    resetDay: t.int('resetDay', 1, { min: 1, max: 31 }),
    quotaBytes: t.has('quotaBytes') ? t.bytes('quotaBytes', 0, { min: 1 }) : null,
    direction: direction as TrafficDirection,
  };
}

function readEnrollment(e: ConfigReader, env: NodeJS.ProcessEnv): EnrollmentConfig {
  e.allowOnly(ENROLLMENT_KEYS);
  return { keys: e.list('keys').map((k) => readEnrollmentKey(k, env)), kubernetes: readKubernetes(e.section('kubernetes'), env) };
}

function readEnrollmentKey(k: ConfigReader, env: NodeJS.ProcessEnv): EnrollmentKeyConfig {
  k.allowOnly(ENROLLMENT_KEY_KEYS);
  const idPattern = k.str('idPattern');
  try {
    anchoredIdPattern(idPattern);
  } catch (err) {
    throw k.error('idPattern', `is not a valid regular expression: ${(err as Error).message}`);
  }
  const expires = k.optionalStr('expires');
  let expiresAt: number | undefined;
  if (expires !== undefined) {
    expiresAt = ISO_TIME.test(expires) ? Date.parse(expires) : NaN;
    if (Number.isNaN(expiresAt)) {
      throw k.error('expires', `must be an ISO 8601 time with a zone, like 2027-01-31T00:00:00Z, got "${expires}"`);
    }
  }
  return {
    secret: readSecret(k, env),
    idPattern,
    group: k.optionalStr('group', { maxLength: Limits.TEXT_MAX_LENGTH }),
    expiresAt,
    revoked: k.bool('revoked', false),
  };
}

function readKubernetes(k: ConfigReader, env: NodeJS.ProcessEnv): KubernetesIdentityConfig {
  k.allowOnly(KUBERNETES_KEYS);
  const enabled = k.bool('enabled', false);
  // In a pod, the API server's address comes from the variables the kubelet sets.
  const host = env.KUBERNETES_SERVICE_HOST;
  const inCluster = host ? `https://${host.includes(':') ? `[${host}]` : host}:${env.KUBERNETES_SERVICE_PORT || '443'}` : undefined;
  const apiServer = k.optionalStr('apiServer', { pattern: /^https:\/\/[^/\s]+\/?$/, patternHint: 'an https://HOST[:PORT] URL' });
  const config: KubernetesIdentityConfig = {
    enabled,
    audience: k.str('audience', 'sss-dashboard', { maxLength: Limits.TEXT_MAX_LENGTH }),
    serviceAccount: k.str('serviceAccount', 'system:serviceaccount:sss-agent:sss-agent', {
      pattern: /^system:serviceaccount:[a-z0-9.-]+:[a-z0-9.-]+$/,
      patternHint: 'system:serviceaccount:NAMESPACE:NAME',
    }),
    apiServer: (apiServer ?? inCluster ?? '').replace(/\/$/, ''),
    caFile: k.str('caFile', `${IN_CLUSTER_ACCOUNT_DIR}/ca.crt`),
    tokenFile: k.str('tokenFile', `${IN_CLUSTER_ACCOUNT_DIR}/token`),
    concurrentReviews: k.int('concurrentReviews', 4, { min: 1, max: 64 }),
  };
  if (!enabled) return config;
  if (!config.apiServer) throw k.error('apiServer', 'is required outside a cluster (KUBERNETES_SERVICE_HOST is not set)');
  // Both files are checked now, so a wrong path fails at start rather than at the first agent.
  for (const key of ['caFile', 'tokenFile'] as const) {
    try {
      accessSync(config[key], constants.R_OK);
    } catch (err) {
      throw k.error(key, `cannot read ${config[key]} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
  }
  return config;
}
