import type { HistoryTier } from '@sss/contracts';
import { sql, type Kysely } from 'kysely';
import type { ChunkTable, Database, StorageEngine } from '../../../../platform/storage/database';
import { tierSpec } from '../../../domain/tiers';

const DAY = 86_400_000;

/** Each tier's chunks have a table of their own. */
export const chunkTable = (tier: HistoryTier): ChunkTable => `history_${tier}`;

/**
 * How each engine gives the space of old chunks back. SQLite deletes rows and
 * hands the freed pages to the disk (incremental vacuum). PostgreSQL keeps
 * each tier's chunks in time partitions and drops the oldest whole, which
 * frees its files at once; deleted rows would only be reused in place.
 */
export interface ChunkSpace {
  /** Makes room for chunks of `tier` starting at `starts` (PostgreSQL creates missing partitions), in the caller's transaction. */
  prepare(db: Kysely<Database>, tier: HistoryTier, starts: readonly number[]): Promise<void>;
  /** Deletes up to about `limit` chunks of `tier` that end before `before`; how many. */
  expire(db: Kysely<Database>, tier: HistoryTier, before: number, limit: number): Promise<number>;
  /** Deletes the oldest chunks of `tier` (up to `limit`, or a whole partition) and frees their space; how many. */
  trimOldest(db: Kysely<Database>, tier: HistoryTier, limit: number): Promise<number>;
  /** A transaction that called prepare() rolled back: forget what it made. */
  reset(): void;
  /** After packing: lets the staging rows' space be used again. */
  afterCompact(db: Kysely<Database>): Promise<void>;
}

export function chunkSpace(engine: StorageEngine): ChunkSpace {
  return engine === 'sqlite' ? new SqliteChunkSpace() : new PostgresChunkSpace();
}

class SqliteChunkSpace implements ChunkSpace {
  async prepare(): Promise<void> {}

  reset(): void {}

  /** Freed pages are reused by the next rows (and not counted by size()). */
  async afterCompact(): Promise<void> {}

  expire(db: Kysely<Database>, tier: HistoryTier, before: number, limit: number): Promise<number> {
    return deleteChunks(db, tier, limit, sql`end_at < ${before}`);
  }

  async trimOldest(db: Kysely<Database>, tier: HistoryTier, limit: number): Promise<number> {
    const deleted = await deleteChunks(db, tier, limit, sql`1 = 1`);
    await sql`pragma incremental_vacuum`.execute(db);
    return deleted;
  }
}

/** How much of a tier's time one PostgreSQL partition holds: a few partitions per retention period. */
const PARTITION_SPAN: Record<HistoryTier, number> = { raw: DAY, '1m': 7 * DAY, '15m': 91 * DAY, '1h': 365 * DAY };

class PostgresChunkSpace implements ChunkSpace {
  /** Partitions known to exist, so a write checks the catalog only for a new one. */
  private readonly known = new Set<string>();

  reset(): void {
    this.known.clear();
  }

  /** Deleted rows take space until vacuumed; staging churns every few minutes, faster than autovacuum may come by. */
  async afterCompact(db: Kysely<Database>): Promise<void> {
    await sql`vacuum history_staging`.execute(db);
  }

  async prepare(db: Kysely<Database>, tier: HistoryTier, starts: readonly number[]): Promise<void> {
    const span = PARTITION_SPAN[tier];
    for (const from of new Set(starts.map((s) => Math.floor(s / span) * span))) {
      const name = partitionName(tier, from);
      if (this.known.has(name)) continue;
      // Another replica may create it at the same moment: "if not exists" plus a retry on the race's duplicate error.
      await sql`create table if not exists ${sql.table(name)} partition of ${sql.table(chunkTable(tier))}
        for values from (${sql.lit(from)}) to (${sql.lit(from + span)})`
        .execute(db)
        .catch((err: { code?: string }) => {
          if (err.code !== '23505' && err.code !== '42P07') throw err;
        });
      this.known.add(name);
    }
  }

  async expire(db: Kysely<Database>, tier: HistoryTier, before: number, limit: number): Promise<number> {
    let deleted = 0;
    // A partition holds chunks starting before its end; they end at most one window later.
    for (const p of await this.partitions(db, tier)) {
      if (p.from + PARTITION_SPAN[tier] + tierSpec(tier).window > before) break;
      deleted += await this.drop(db, p.name);
    }
    return deleted + (await deleteChunks(db, tier, limit, sql`end_at < ${before}`));
  }

  async trimOldest(db: Kysely<Database>, tier: HistoryTier): Promise<number> {
    for (const p of await this.partitions(db, tier)) {
      const dropped = await this.drop(db, p.name);
      if (dropped > 0) return dropped;
    }
    return 0;
  }

  /** The tier's partitions, oldest first. */
  private async partitions(db: Kysely<Database>, tier: HistoryTier): Promise<{ name: string; from: number }[]> {
    const { rows } = await sql<{ name: string }>`select c.relname as name from pg_inherits i
      join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
      where p.relname = ${chunkTable(tier)}`.execute(db);
    return rows.map((r) => ({ name: r.name, from: Number(r.name.slice(r.name.lastIndexOf('_') + 1)) })).sort((a, b) => a.from - b.from);
  }

  /** Drops a partition whole; how many chunks it held. */
  private async drop(db: Kysely<Database>, name: string): Promise<number> {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(name)}`.execute(db);
    await sql`drop table if exists ${sql.table(name)}`.execute(db);
    this.known.delete(name);
    return rows[0].n;
  }
}

function partitionName(tier: HistoryTier, from: number): string {
  return `${chunkTable(tier)}_${from}`;
}

async function deleteChunks(db: Kysely<Database>, tier: HistoryTier, limit: number, condition: ReturnType<typeof sql>): Promise<number> {
  const table = sql.table(chunkTable(tier));
  const result = await sql`delete from ${table} where (server_id, start_at) in
    (select server_id, start_at from ${table} where ${condition} order by start_at limit ${limit})`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
