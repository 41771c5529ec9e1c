import type { HistoryTier } from '@sss/contracts';
import type { Sample, ServerSample } from '../../domain/sample';
import type { Transition } from '../../domain/transition';

export interface RollUpJob {
  /** Tier written; it is rolled up from its TierSpec.source. */
  tier: HistoryTier;
  /** The window [from, to): whole steps of the tier. */
  from: number;
  to: number;
  /** Continue after this server id (ids ascending); undefined: from the start. */
  after?: string;
  /** At most this many servers per call. */
  limit: number;
}

/**
 * Reports as they arrived, column by column: the server, the report's JSON
 * text (a ServerInfo, as the fleet's cache holds it) and when it came.
 */
export interface ReportTexts {
  serverIds: string[];
  texts: string[];
  at: number[];
}

export interface TierUsage {
  tier: HistoryTier;
  /** Samples stored (roll-up steps count one each). */
  samples: number;
  /** Bytes of stored data, indexes included where the engine tells. */
  bytes: number;
}

export interface StorageUsage {
  /** The whole database on disk. */
  bytes: number;
  tiers: TierUsage[];
}

/**
 * Where history lives: samples by tier, online/offline transitions, and the
 * jobs' progress marks. Every method is one transaction; ids ascend in
 * byte order. Implemented over SQLite (in a worker thread) and PostgreSQL.
 */
export interface HistoryStore {
  /** Raw samples of any servers and transitions, written together. */
  append(samples: readonly ServerSample[], transitions: readonly Transition[]): Promise<void>;
  /** `append` of the reports' samples (sampleOf each text), taken where the store runs. */
  appendReports(reports: ReportTexts, transitions: readonly Transition[]): Promise<void>;
  /**
   * Packs raw samples of windows that ended before `before` into their stored form, one server's window at a time,
   * until it has packed about `limit`; how many it packed (fewer than `limit`: nothing is left to pack).
   */
  compact(before: number, limit: number): Promise<number>;
  /** One server's samples of one tier with `at` in [from, to), oldest first. */
  samples(serverId: string, tier: HistoryTier, from: number, to: number): Promise<Sample[]>;
  /** Rolls the source tier up into `job.tier` for the next servers; the last server id done, or null when the window is complete. Idempotent. */
  rollUp(job: RollUpJob): Promise<string | null>;
  /** Deletes up to `limit` stored units of `tier` that end before `before`; how many were deleted. */
  expire(tier: HistoryTier, before: number, limit: number): Promise<number>;
  /** Deletes the oldest `limit` stored units of `tier` and returns the space to the disk; how many were deleted. */
  trimOldest(tier: HistoryTier, limit: number): Promise<number>;
  /** One server's transitions with at < before, newest first. */
  transitions(serverId: string, before: number, limit: number): Promise<Transition[]>;
  /**
   * Every server's transitions with `at` in [from, to), and each server's
   * latest one before `from` (the state the window starts in), oldest first:
   * the uptime of a whole fleet in two queries instead of one per server.
   */
  windowTransitions(from: number, to: number): Promise<Transition[]>;
  /** Deletes transitions older than `before`. */
  expireTransitions(before: number): Promise<number>;
  /** Deletes every sample and transition of a removed server. */
  purge(serverId: string): Promise<void>;
  usage(): Promise<StorageUsage>;
  /** The database's bytes on disk: cheap, unlike usage(). */
  size(): Promise<number>;
  /** A job's progress (e.g. how far a tier is rolled up), kept across restarts. */
  mark(name: string): Promise<number | null>;
  setMark(name: string, value: number): Promise<void>;
}

export const HISTORY_STORE = Symbol('HistoryStore');
