import { Kysely, PostgresDialect } from 'kysely';
import { Pool, types } from 'pg';
import type { Database } from './database';

// bigint columns hold Unix milliseconds and byte counts, all below 2^53: read them as numbers, not strings.
types.setTypeParser(types.builtins.INT8, (text) => Number(text));

/** A pool of connections to PostgreSQL at `url` (postgres://user:pass@host:port/db). */
export function openPostgres(url: string): Kysely<Database> {
  const pool = new Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 5_000 });
  // An idle connection that breaks (server restart) is dropped by the pool; without a listener Node would crash.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
