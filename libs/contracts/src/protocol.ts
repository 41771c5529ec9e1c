// Every protocol constant in one place (PROTOCOL.md). Browser-safe: no imports.

export const DEFAULT_PORT = 8900;

export const REPORT_PATH = '/ws-report';
export const FRONTEND_PATH = '/ws-frontend';
/**
 * HTTP GET: what FRONTEND_PATH sends a new client (the latest message of every
 * known server) as one JSON array, for a page to ask for before its scripts run.
 */
export const SERVERS_API_PATH = '/api/servers';

/** Upgrade-request headers, lower-cased as Node delivers them. */
export const AUTH_SECRET_HEADER = 'x-auth-secret';
export const SERVER_ID_HEADER = 'x-server-id';

export const CloseCode = {
  NORMAL: 1000,
  GOING_AWAY: 1001,
  UNSUPPORTED_DATA: 1003,
  POLICY_VIOLATION: 1008,
  MESSAGE_TOO_BIG: 1009,
  INTERNAL_ERROR: 1011,
  TRY_AGAIN_LATER: 1013,
} as const;

export const CloseReason = {
  AUTH_FAILED: 'authentication failed',
  REPLACED: 'replaced by a newer connection',
  ID_MISMATCH: 'serverId does not match X-SERVER-ID',
  BINARY: 'binary frames are not supported',
  INTERNAL: 'internal error',
  IDLE: 'idle timeout',
  SHUTDOWN: 'server shutting down',
  SLOW_CLIENT: 'client too slow',
  AUTHENTICATION_REQUIRED: 'authentication required',
  CREDENTIALS_REVOKED: 'credentials revoked',
} as const;

export const DEFAULT_REPORT_INTERVAL_MS = 5_000;
export const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;
export const DEFAULT_OFFLINE_AFTER_SECONDS = 30;
export const DEFAULT_IDLE_TIMEOUT_SECONDS = 60;

/** Agent heartbeat: ping every 30 s, give up after 45 s without a pong. */
export const AGENT_PING_INTERVAL_MS = 30_000;
export const AGENT_PONG_TIMEOUT_MS = 45_000;

export interface BackoffPolicy {
  initialMs: number;
  factor: number;
  maxMs: number;
}

/** Agent reconnect: 3 s x 1.2 up to 600 s. */
export const AGENT_BACKOFF: BackoffPolicy = { initialMs: 3_000, factor: 1.2, maxMs: 600_000 };

/** Browser reconnect: 3 s x 1.5^n up to 30 s. */
export const BROWSER_BACKOFF: BackoffPolicy = { initialMs: 3_000, factor: 1.5, maxMs: 30_000 };

/** Delay before retry number `attempt` (0-based), without jitter. */
export function backoffDelay(policy: BackoffPolicy, attempt: number): number {
  return Math.min(policy.maxMs, policy.initialMs * Math.pow(policy.factor, attempt));
}

/** Limits the DTOs enforce; exported so tests and clients can see them. */
export const Limits = {
  ID_MAX_LENGTH: 64,
  TEXT_MAX_LENGTH: 256,
  COUNTRY_CODE_LENGTH: 2,
  MAX_DISKS: 64,
  // Optional fields of protocol 1.1.
  MAX_TEMPERATURES: 64,
  MAX_INTERFACES: 64,
  MAX_GPUS: 16,
  AGENT_VERSION_MAX_LENGTH: 64,
} as const;

/** Server ids allowed in configuration and on the wire. */
export const SERVER_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
