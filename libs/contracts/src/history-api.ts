// The REST API's shapes beside the snapshot (README "REST API"; OpenAPI at /api/docs).
// Browser-safe: types and constants only. Times are Unix milliseconds throughout.
import type { ServerUpdate } from './server-info';

/** Metric groups a history request may ask for (`metrics=cpu,memory,...`). */
export const HISTORY_METRICS = [
  'cpu',
  'memory',
  'swap',
  'load',
  'disk',
  'diskio',
  'network',
  'processes',
  'connections',
  'temperature',
  'gpu',
] as const;
export type HistoryMetric = (typeof HISTORY_METRICS)[number];

/** Storage tiers, finest first: raw reports, then 1-minute, 15-minute and 1-hour roll-ups. */
export const HISTORY_TIERS = ['raw', '1m', '15m', '1h'] as const;
export type HistoryTier = (typeof HISTORY_TIERS)[number];

/** A history answer never holds more points than this per series. */
export const MAX_HISTORY_POINTS = 1000;

export type SeriesUnit = 'percent' | 'bytes' | 'bytes/s' | 'load' | 'celsius' | 'count';

/** One line of a chart: values aligned with HistoryResponse.timestamps, null where nothing was recorded. */
export interface HistorySeries {
  metric: HistoryMetric;
  /** e.g. `cpu`, `memory.used`, `disk.used /`, `network.in`. */
  name: string;
  unit: SeriesUnit;
  /** The disk's mount path, for the disk and diskio series (a GPU's series name its index instead: `gpu.util 0`). */
  mount?: string;
  /** Average over each step. */
  avg: (number | null)[];
  /** Maximum over each step. */
  max: (number | null)[];
}

/** `GET /api/servers/:id/history` */
export interface HistoryResponse {
  serverId: string;
  from: number;
  to: number;
  /** Milliseconds between two points. */
  step: number;
  /** The tier the points were read from. */
  tier: HistoryTier;
  /** The start of each step. */
  timestamps: number[];
  series: HistorySeries[];
}

/** Why a server went online or offline. */
export type TransitionCause = 'report' | 'silence' | 'connection-lost' | 'dashboard-restart';

export interface ServerEvent {
  at: number;
  online: boolean;
  cause: TransitionCause;
}

/** Share of time online, 0..100, or null when nothing is known of that window. */
export interface UptimeFigures {
  '24h': number | null;
  '7d': number | null;
  '30d': number | null;
}

/** `GET /api/servers/:id/events?before=&limit=`: newest first. */
export interface EventsResponse {
  serverId: string;
  events: ServerEvent[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: number | null;
  uptime: UptimeFigures;
}

/** `GET /api/servers/:id` */
export interface ServerDetailResponse {
  serverId: string;
  name: string;
  online: boolean;
  /** null: configured but never reported. */
  lastSeen: number | null;
  /** The latest report as /ws-frontend sends it; null when the server never reported. */
  latest: ServerUpdate | null;
}

/** `GET /api/catalog`: every server the dashboard accepts reports from, reported or not. No secrets. */
export interface CatalogServer {
  serverId: string;
  name: string;
  group?: string;
  countryCode?: string;
  /** Board order within its group: lower first (set in the console; 0 for the config file's servers). */
  weight: number;
  /** null: never reported. */
  lastSeen: number | null;
}

/** `GET /api/catalog/groups` and the admin's `/api/admin/groups/order`: the board's order of groups, first first. */
export interface GroupOrder {
  groups: string[];
}

/** `GET /api/uptime`: each server's uptime over the last 24 h, for the board's cards. */
export type UptimeByServer = Record<string, number | null>;

/** The one error shape of every /api route. */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  /** One line per invalid parameter, for 400s. */
  details?: string[];
}

export const API_PATHS = {
  server: '/api/servers/:id',
  history: '/api/servers/:id/history',
  events: '/api/servers/:id/events',
  traffic: '/api/servers/:id/traffic',
  trafficOverview: '/api/traffic',
  catalog: '/api/catalog',
  groupOrder: '/api/catalog/groups',
  uptime: '/api/uptime',
  stats: '/api/stats',
  docs: '/api/docs',
  docsJson: '/api/docs-json',
} as const;

/** Why the dashboard refused an agent's connection or frame. */
export const REJECT_REASONS = [
  'authentication',
  'invalid-frame',
  'id-mismatch',
  'binary',
  'too-big',
  'internal-error',
  'report-rate',
  'address-limit',
  'connection-cap',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** How an agent the catalog did not know asked to be admitted (PROTOCOL.md "Enrollment"). */
export const ENROLLMENT_WAYS = ['key', 'kubernetes'] as const;
export type EnrollmentWay = (typeof ENROLLMENT_WAYS)[number];

/** accepted: admitted; refused: an authentication failure (1008); unavailable: could not be checked now (1013). */
export const ENROLLMENT_OUTCOMES = ['accepted', 'refused', 'unavailable'] as const;
export type EnrollmentOutcomeKind = (typeof ENROLLMENT_OUTCOMES)[number];

/** What `GET /api/stats` tells of enrollment. */
export interface StatsEnrollment {
  /** Per way and outcome, since start. A Kubernetes identity is checked, and counted, on every connection. */
  enrollments: Record<EnrollmentWay, Record<EnrollmentOutcomeKind, number>>;
  tokenReviews: {
    /** TokenReviews sent to the Kubernetes API server. */
    requests: number;
    /** Of those, the ones that got no usable answer (API down, refused, timed out). */
    errors: number;
    /** Tokens admitted from the cache of earlier reviews, without asking. */
    cacheHits: number;
  };
}

/** One storage tier's share of the database. */
export interface StatsTierUsage {
  tier: HistoryTier;
  samples: number;
  bytes: number;
}

/** What `GET /api/stats` tells of history's storage. */
export interface StatsStorage {
  engine: 'sqlite' | 'postgres' | 'off';
  /** The whole database on disk; null when history is off or the database cannot be reached. */
  bytes: number | null;
  tiers: StatsTierUsage[];
  /** Writes that failed (each retried until the buffer overflows). */
  writeErrors: number;
  /** Samples and transitions given up because the write buffer was full. */
  dropped: number;
  /** Samples and transitions waiting to be written. */
  pending: number;
}

/** What `GET /api/stats` tells of the bus between dashboard replicas and of the jobs lease. */
export interface StatsBus {
  /** `memory`: nothing leaves the process (one replica); `redis`: `bus.url` is set. */
  transport: 'memory' | 'redis';
  /** This replica's id (its host name and a random part, new at every start). */
  replica: string;
  /** Whether events can reach the other replicas now. */
  connected: boolean;
  /** Events sent to the other replicas. */
  published: number;
  /** The other replicas' events received. */
  received: number;
  /** Events given up because the bus was down or its outgoing buffer full. */
  dropped: number;
  /** Bus errors (failed connections, refused commands). */
  errors: number;
  /** Whether this replica runs the once-only jobs (recording offline by silence, history maintenance). */
  leaseHeld: boolean;
}

/** `GET /api/stats`: the dashboard's own figures. Counters count since the process started. */
export interface StatsResponse {
  /** Agents connected now (authenticated). */
  agents: number;
  /** Consoles connected to /ws-frontend now. */
  frontends: number;
  /** Reports accepted per second over the last 10 seconds. */
  reportsPerSecond: number;
  /** Refused connections and frames by reason. */
  rejects: Record<RejectReason, number>;
  storage: StatsStorage;
  enrollment: StatsEnrollment;
  bus: StatsBus;
}
