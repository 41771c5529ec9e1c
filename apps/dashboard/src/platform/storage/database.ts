import type { Kysely } from 'kysely';

/** The tables, as Kysely sees them. Times are Unix milliseconds unless named otherwise. */
export interface Database {
  schema_version: { version: number; name: string; applied_at: number };
  /** Raw samples not yet packed into chunks: one row per report. */
  history_staging: { server_id: string; at: number; data: Uint8Array };
  /** Samples packed per server, tier and window. */
  history_chunk: { server_id: string; tier: number; start_at: number; end_at: number; samples: number; data: Uint8Array };
  history_transition: { server_id: string; at: number; online: number; cause: string };
  history_mark: { name: string; value: number };
  latest_report: { server_id: string; json: string; last_seen: number };
}

export type StorageEngine = 'sqlite' | 'postgres';

export interface Storage {
  engine: StorageEngine;
  db: Kysely<Database>;
}
