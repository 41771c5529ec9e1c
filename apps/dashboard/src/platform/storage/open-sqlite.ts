import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database } from './database';
import { withStatementCache } from './statement-cache';

/** How long a writer waits for another process's lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens (creating if needed) the SQLite file: WAL so readers never wait for
 * the writer, synchronous=NORMAL (a crash loses at most the last commits, never
 * consistency), and incremental auto-vacuum so space freed by trimming can be
 * handed back to the disk. page_size and auto_vacuum only take effect on a new file.
 */
export function openSqlite(path: string): Kysely<Database> {
  mkdirSync(dirname(path), { recursive: true });
  const file = new BetterSqlite3(path);
  file.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // Pages that hold several history chunks (kilobytes each) side by side; only a new file takes it.
  file.pragma('page_size = 16384');
  file.pragma('auto_vacuum = INCREMENTAL');
  file.pragma('journal_mode = WAL');
  file.pragma('synchronous = NORMAL');
  // Keeps the WAL file from staying at its largest size after a burst.
  file.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(file) }) });
}
