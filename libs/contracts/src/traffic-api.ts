// Traffic accounting: the billing cycle of a server and `GET /api/servers/:id/traffic` (README "Traffic accounting").
// Browser-safe: types and constants only. Times are Unix milliseconds; periods are in UTC.

/** What counts against the quota: sent + received, the larger of the two, received only, sent only. */
export const TRAFFIC_DIRECTIONS = ['sum', 'max', 'in', 'out'] as const;
export type TrafficDirection = (typeof TRAFFIC_DIRECTIONS)[number];

/** The most periods one traffic request may ask for (two years). */
export const MAX_TRAFFIC_PERIODS = 24;

/** A server's billing cycle (config `servers[].traffic`). */
export interface TrafficPlan {
  /** The day of the month a period starts, 1..31; a month shorter than that starts it on its last day. */
  resetDay: number;
  /** null: no quota. */
  quotaBytes: number | null;
  direction: TrafficDirection;
}

/** One billing period's use. */
export interface TrafficPeriod {
  /** Inclusive, 00:00 UTC of its reset day. */
  start: number;
  /** Exclusive: the next period's start. */
  end: number;
  sent: number;
  recv: number;
  /** Bytes that count against the quota under the plan's direction. */
  used: number;
}

/** `GET /api/servers/:id/traffic?periods=N` */
export interface TrafficResponse extends TrafficPlan {
  serverId: string;
  /** The current period first, then older ones; N of them. */
  periods: TrafficPeriod[];
  /** The current period's `used` as a percentage of the quota (may pass 100); null without a quota. */
  percent: number | null;
}

/** A server's current period as the board's card shows it. */
export interface TrafficSummary extends TrafficPeriod {
  quotaBytes: number | null;
  percent: number | null;
}

/** `GET /api/traffic`: every configured server's current period. */
export type TrafficByServer = Record<string, TrafficSummary>;
