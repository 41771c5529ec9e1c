import { applyEnvOverrides, ConfigError, ConfigReader, COUNTRY_CODE, readSecret, readYamlFile, unknownFlag } from '@sss/config';
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
  DEFAULT_STORAGE_PATH,
  METRICS_MODES,
  type DashboardConfig,
  type HistoryConfig,
  type MetricsConfig,
  type MetricsMode,
  type LimitsConfig,
  type ServerEntryConfig,
  type StorageConfig,
  type TlsConfig,
} from './dashboard-config';
import { accessSync, constants } from 'node:fs';
import { isIP } from 'node:net';

const USERNAME_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** Environment variables that configure the process, not a config key. */
const RESERVED_ENV = ['SSS_CONFIG', 'SSS_LOG_', 'SSS_AGENT_', 'SSS_STORAGE_URL', 'SSS_METRICS_TOKEN'];
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
  'history',
  'metrics',
  'admin',
  'board',
  'servers',
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
const HISTORY_KEYS = ['enabled', 'maxBytes', 'retention'];
const METRICS_KEYS = ['mode', 'token'];
const ADMIN_KEYS = ['username', 'passwordHash', 'sessionIdle', 'sessionMax', 'auditRetention'];
const BOARD_KEYS = ['public'];
const TLS_KEYS = ['certFile', 'keyFile'];
const HOUR = 3_600_000;
const DAY = 86_400_000;
const SERVER_KEYS = ['id', 'name', 'secret', 'secretFile', 'secretEnv', 'group', 'countryCode', 'hidden', 'traffic'];
const TRAFFIC_KEYS = ['resetDay', 'quotaBytes', 'direction'];

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
    history: readHistory(r.section('history')),
    metrics: readMetrics(r.section('metrics'), env),
    admin: readAdmin(r.section('admin')),
    board: { public: r.section('board').allowOnly(BOARD_KEYS).bool('public', true) },
    servers,
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
