import type { Generated, Kysely } from 'kysely';

/** The tables, as Kysely sees them. Times are Unix milliseconds unless named otherwise. */
export interface Database {
  schema_version: { version: number; name: string; applied_at: number };
  /**
   * Raw samples not yet packed into chunks: one row per bucket, second and write, holding `samples` servers'
   * samples of that second (staging-batch.ts). `writer` names the dashboard process (at random), `seq` its write.
   */
  history_staging: { bucket: number; at: number; writer: number; seq: number; samples: number; data: Uint8Array };
  /** Samples packed per server and window, one table per tier (so expiring one tier frees whole pages). */
  history_raw: ChunkRow;
  history_1m: ChunkRow;
  history_15m: ChunkRow;
  history_1h: ChunkRow;
  history_transition: { server_id: string; at: number; online: number; cause: string };
  history_mark: { name: string; value: number };
  latest_report: { server_id: string; json: string; last_seen: number };
  /** Each server's network counters of its last report; boot_time in Unix seconds, null from agents before 1.1. */
  traffic_counter: { server_id: string; sent: number; recv: number; boot_time: number | null };
  /** Bytes per server and UTC day (00:00 UTC in Unix ms): the day's total, replaced as it grows. */
  traffic_day: { server_id: string; day: number; sent: number; recv: number };
  account_user: { username: string; role: string; password_hash: string };
  /** A login: the hash of the browser's token, never the token. */
  account_session: { token_hash: string; username: string; created_at: number; last_seen_at: number };
  /** An API token: the hash of its secret, never the secret. */
  account_api_token: {
    id: string;
    name: string;
    scope: string;
    token_hash: string;
    created_by: string;
    created_at: number;
    last_used_at: number | null;
    expires_at: number | null;
  };
  /** The audit log; id numbered by the database on insert. */
  audit_entry: { id: Generated<number>; at: number; actor: string; action: string; target: string; remote: string; detail: string | null };
  /** A server registered while running (console, enrollment); tags a JSON array, traffic a JSON TrafficPlan. */
  catalog_server: {
    id: string;
    name: string | null;
    grp: string | null;
    country_code: string | null;
    tags: string;
    hidden: number;
    notes: string | null;
    traffic: string | null;
    weight: number;
    via: string;
    secret_hash: string;
    created_at: number;
  };
  /** The board's order of groups: position 0 first; groups not listed follow by name. */
  catalog_group_order: { name: string; position: number };
  /** An enrollment key made in the admin console: the hash of its secret, never the secret. */
  enrollment_key: {
    id: string;
    name: string;
    id_pattern: string;
    grp: string | null;
    expires_at: number | null;
    revoked: number;
    secret_hash: string;
    created_at: number;
    created_by: string;
  };
  /** A job that must run on one dashboard replica at a time: who holds it, and until when. */
  replica_lease: { name: string; holder: string; expires_at: number };
}

export interface ChunkRow {
  server_id: string;
  /** The window's start. */
  start_at: number;
  /** The last sample's time. */
  end_at: number;
  samples: number;
  data: Uint8Array;
}

export type ChunkTable = 'history_raw' | 'history_1m' | 'history_15m' | 'history_1h';

export type StorageEngine = 'sqlite' | 'postgres';

export interface Storage {
  engine: StorageEngine;
  db: Kysely<Database>;
}
