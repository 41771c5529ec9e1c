import type BetterSqlite3 from 'better-sqlite3';
import { unpackStagedEntries } from '../../../apps/dashboard/src/platform/storage/staging-batch';

/**
 * The seconds with a staged report of `serverId` in a SQLite file opened apart from the dashboard, oldest first,
 * each once: two writes may both hold a report of one second, and the store reads the later one.
 */
export function stagedTimes(db: BetterSqlite3.Database, serverId: string): number[] {
  const rows = db.prepare('select at, data from history_staging order by at').all() as { at: number; data: Uint8Array }[];
  return [...new Set(rows.flatMap((row) => unpackStagedEntries(row.data, serverId).map(() => Number(row.at))))];
}
