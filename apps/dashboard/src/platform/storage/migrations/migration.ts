import type { Kysely } from 'kysely';
import type { StorageEngine } from '../database';

/** Column types that differ between the engines. */
export interface ColumnTypes {
  blob: 'blob' | 'bytea';
  bigint: 'integer' | 'bigint';
}

export function columnTypes(engine: StorageEngine): ColumnTypes {
  return engine === 'sqlite' ? { blob: 'blob', bigint: 'integer' } : { blob: 'bytea', bigint: 'bigint' };
}

/** One step of the schema. Never rewrites a whole table: add columns and tables, backfill in batches elsewhere. */
export interface Migration {
  version: number;
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration runs before the tables it creates exist in the Database type
  up(db: Kysely<any>, types: ColumnTypes, engine: StorageEngine): Promise<void>;
}
