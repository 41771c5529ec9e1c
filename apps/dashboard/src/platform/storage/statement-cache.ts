import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Enough for every query shape the stores make; a shape past it is prepared again when it comes back. */
const MAX_STATEMENTS = 256;

/**
 * The SQLite file as Kysely's dialect sees it, with each statement prepared once: Kysely prepares every query it
 * runs, and parsing the same SQL again (a 500-row insert each second, a dozen small queries per server as history
 * is packed) is work the storage thread does for nothing. SQLite re-prepares a cached statement by itself when a
 * migration changes the schema under it.
 */
export function withStatementCache(file: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(sql) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = file.prepare(sql);
        // Oldest first out: a Map keeps insertion order.
        if (statements.size >= MAX_STATEMENTS) statements.delete(statements.keys().next().value!);
        statements.set(sql, statement);
      }
      return statement;
    },
    close() {
      statements.clear();
      file.close();
    },
  };
}
