import type { HistoryTier, TrafficPlan } from '@sss/contracts';

/** The dashboard's validated configuration (see README "Dashboard configuration"). */
export interface ServerEntryConfig {
  id: string;
  name?: string;
  /** Resolved from `secret`, `secretFile` or `secretEnv`. */
  secret: string;
  group?: string;
  countryCode?: string;
  /** Shown only to signed-in users. */
  hidden?: boolean;
  traffic?: TrafficPlan;
}

export interface StorageConfig {
  /** The SQLite file, used unless `url` is set. Relative paths are from the working directory. */
  path: string;
  /** postgres://... : PostgreSQL instead of SQLite. */
  url?: string;
}

export interface BusConfig {
  /** redis:// or rediss://: replicas share their live fleet through this Redis; unset: this dashboard is the only one. */
  url?: string;
  /** The pub/sub channel: deployments sharing one Redis use one each. */
  channel: string;
}

export interface HistoryConfig {
  enabled: boolean;
  /** The database never grows past this: the oldest data of the finest tier goes first. */
  maxBytes: number;
  /** How long each tier is kept, in milliseconds. */
  retention: Record<HistoryTier, number>;
}

export const METRICS_MODES = ['off', 'public', 'token'] as const;
export type MetricsMode = (typeof METRICS_MODES)[number];

export interface MetricsConfig {
  /** off: no /metrics; public: anyone may scrape; token: `Authorization: Bearer <token>` only. */
  mode: MetricsMode;
  /** The scrape token (`metrics.token` or SSS_METRICS_TOKEN); unset with mode token means every scrape gets 401. */
  token?: string;
}

/** What one client may cost the dashboard (README "Limits"). */
export interface LimitsConfig {
  /** Agent connections open at once; upgrades beyond it get HTTP 503. */
  agentConnections: number;
  /** Reports accepted per agent per second (a burst of as many); the excess is dropped and counted. */
  reportsPerSecond: number;
  /** /ws-report upgrade attempts per source address per second (a burst of as many); the excess gets HTTP 429. */
  upgradesPerSecond: number;
  /** Refused authentications per source address within `blockSeconds` that block it for `blockSeconds`. */
  authFailures: number;
  blockSeconds: number;
  /** A connection that has not sent a whole request (or upgrade) this long after connecting is cut. */
  handshakeTimeoutSeconds: number;
  /** HTTP requests per client address per second (a burst of as many); the excess gets 429. Probes are exempt. */
  httpRequestsPerSecond: number;
  /** Requests one connection may have waiting for their responses (pipelined); beyond it the connection is cut. */
  pipelinedRequests: number;
}

/** An enrollment key (README "Enrollment"): agents holding it may register ids matching its pattern. */
export interface EnrollmentKeyConfig {
  /** Resolved from `secret`, `secretFile` or `secretEnv`. */
  secret: string;
  /** A regular expression, as written: matched against the whole id (anchoredIdPattern). */
  idPattern: string;
  /** The group given to the servers it registers. */
  group?: string;
  /** Unix time in milliseconds after which it registers nothing. */
  expiresAt?: number;
  revoked: boolean;
}

/** Kubernetes identity: agents present projected service-account tokens, checked with a TokenReview. */
export interface KubernetesIdentityConfig {
  enabled: boolean;
  /** The audience the agents' tokens are issued for. */
  audience: string;
  /** The only service account whose tokens are accepted, as the TokenReview names it (system:serviceaccount:NS:NAME). */
  serviceAccount: string;
  /** https://HOST:PORT of the API server. */
  apiServer: string;
  /** PEM of the CA that signs the API server's certificate. */
  caFile: string;
  /** The dashboard's own service-account token, re-read for every review (the kubelet rotates it). */
  tokenFile: string;
  /** TokenReviews in flight at once; the rest wait their turn. */
  concurrentReviews: number;
}

export interface EnrollmentConfig {
  keys: EnrollmentKeyConfig[];
  kubernetes: KubernetesIdentityConfig;
}

export interface AdminConfig {
  /** The admin of the config file, when `passwordHash` is set. */
  username: string;
  /** argon2id. Without it, the first admin is made through a one-time setup link. */
  passwordHash?: string;
  sessionIdleMs: number;
  sessionMaxMs: number;
  /** Audit entries older than this are deleted (hourly). */
  auditRetentionMs: number;
}

/** OpenID Connect login (README "Accounts"), when `oidc.issuer` is set. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** Resolved from `clientSecret`, `clientSecretFile` or SSS_OIDC_CLIENT_SECRET. */
  clientSecret: string;
  scopes: string;
  /** The claim holding the user's groups or roles (a string or a list of strings). */
  roleClaim: string;
  /** Values of `roleClaim` that make an admin; checked before `viewerValues`. */
  adminValues: string[];
  viewerValues: string[];
  /** The claim naming the user (`sub` when it is missing). */
  usernameClaim: string;
  /** The login page's button says "Sign in with <displayName>". */
  displayName: string;
}

/** PEM files, read at start and again whenever either changes. */
export interface TlsConfig {
  certFile: string;
  keyFile: string;
}

export interface BoardConfig {
  /** false: /ws-frontend and /api/servers* need a login. */
  public: boolean;
}

export interface DashboardConfig {
  host: string;
  port: number;
  offlineAfterSeconds: number;
  maxMessageBytes: number;
  idleTimeoutSeconds: number;
  /** A frontend whose unsent data passes this many bytes is disconnected. */
  frontendMaxBufferedBytes: number;
  /** A frontend whose unsent data has not drained for this long is disconnected, however little it is. */
  frontendMaxBackedUpSeconds: number;
  /** Origins (scheme://host[:port]) besides the dashboard's own whose pages may open /ws-frontend. */
  frontendAllowedOrigins: string[];
  /** Reverse proxies (IPs or CIDR ranges) whose X-Forwarded-For names the client; none by default. */
  trustProxy: string[];
  /** HTTPS and WSS on the port instead of plain HTTP; undefined: plain. */
  tls?: TlsConfig;
  limits: LimitsConfig;
  /** The built console to serve at `/`; unset means DEFAULT_WEB_ROOT. Relative paths are from the working directory. */
  webRoot?: string;
  storage: StorageConfig;
  /** How replicas behind one Service share their live fleet. */
  bus: BusConfig;
  history: HistoryConfig;
  metrics: MetricsConfig;
  admin: AdminConfig;
  /** Unset: no OpenID Connect login. */
  oidc?: OidcConfig;
  /** How browsers reach the dashboard (scheme://host[:port][/path]); unset means the request's own scheme and Host. */
  publicUrl?: string;
  board: BoardConfig;
  servers: ServerEntryConfig[];
  enrollment: EnrollmentConfig;
}

/**
 * What the running dashboard is given under DASHBOARD_CONFIG: everything but
 * the server list, whose secrets live only in the catalog built from it, the
 * metrics settings with their token, which only the metrics module gets, and
 * the enrollment keys, which only the enrollment module gets, and the OpenID Connect settings
 * with their client secret, which only accounts get, and the bus URL (it may hold Redis's password), which only the bus gets.
 */
export type DashboardSettings = Omit<DashboardConfig, 'servers' | 'metrics' | 'enrollment' | 'oidc' | 'bus'>;

export const DEFAULT_STORAGE_PATH = 'data/sss.db';

/** Where a pod finds its service account's credentials and the cluster's CA. */
export const IN_CLUSTER_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export const DEFAULT_WEB_ROOT = 'dist/apps/web/browser';

export const DASHBOARD_CONFIG = Symbol('DashboardConfig');
