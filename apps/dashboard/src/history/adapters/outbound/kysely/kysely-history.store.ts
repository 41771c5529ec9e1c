import { HISTORY_TIERS, type HistoryTier, type ServerInfo } from '@sss/contracts';
import { sql, type Expression, type Kysely, type Transaction } from 'kysely';
import { randomInt } from 'node:crypto';
import type { ChunkTable, Database, StorageEngine } from '../../../../platform/storage/database';
import { packStagedEntries, unpackStagedEntries } from '../../../../platform/storage/staging-batch';
import { STAGING_BUCKETS, stagingBucket } from '../../../../platform/storage/staging-bucket';
import type { HistoryStore, ReportTexts, RollUpJob, StorageUsage } from '../../../application/ports/history-store.port';
import { rollUp } from '../../../domain/roll-up';
import { type Sample, sampleOf, type ServerSample } from '../../../domain/sample';
import { tierSpec } from '../../../domain/tiers';
import type { Transition } from '../../../domain/transition';
import { chunkSpace, chunkTable, type ChunkSpace } from './chunk-space';
import { decodeSamples, encodeSamples } from './sample-codec';

/** Rows per INSERT: well under both engines' limits on bound parameters. */
const INSERT_BATCH = 500;
const RAW_WINDOW = tierSpec('raw').window;

/**
 * HistoryStore over Kysely: the same SQL for SQLite and PostgreSQL. Raw
 * samples land in history_staging, one row per bucket of servers
 * (staging-bucket.ts) and second of each write (staging-batch.ts); `compact`
 * packs a bucket's finished 10-minute window into one row of history_raw per
 * server, and roll-ups write one chunk per server and window, so the bulk of
 * the data is a few compact rows per server.
 */
export class KyselyHistoryStore implements HistoryStore {
  private readonly space: ChunkSpace;
  /** Names this store's staging rows, so that two dashboards writing one PostgreSQL database never write the same key. */
  private readonly writer = randomInt(2 ** 47);
  private writes = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: StorageEngine,
  ) {
    this.space = chunkSpace(engine);
  }

  async append(samples: readonly ServerSample[], transitions: readonly Transition[]): Promise<void> {
    if (samples.length === 0 && transitions.length === 0) return;
    const staged = this.stagingRows(samples);
    await this.db.transaction().execute(async (trx) => {
      for (const batch of batches(staged)) await trx.insertInto('history_staging').values(batch).execute();
      for (const batch of batches(transitions)) {
        const rows = batch.map((t) => ({ server_id: t.serverId, at: t.at, online: t.online ? 1 : 0, cause: t.cause }));
        await trx
          .insertInto('history_transition')
          .values(rows)
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    });
  }

  appendReports({ serverIds, texts, at }: ReportTexts, transitions: readonly Transition[]): Promise<void> {
    const samples = serverIds.map((serverId, i) => ({ serverId, sample: sampleOf(JSON.parse(texts[i]) as ServerInfo, at[i]) }));
    return this.append(samples, transitions);
  }

  /** One row per bucket and second; a server's last sample of a second wins (an agent reporting more than once a second). */
  private stagingRows(samples: readonly ServerSample[]): Database['history_staging'][] {
    const bySecond = new Map<string, { bucket: number; at: number; servers: Map<string, Sample> }>();
    for (const { serverId, sample } of samples) {
      const bucket = stagingBucket(serverId);
      const at = wholeSecond(sample.at);
      const key = `${bucket}:${at}`;
      let second = bySecond.get(key);
      if (!second) bySecond.set(key, (second = { bucket, at, servers: new Map() }));
      second.servers.set(serverId, sample);
    }
    const seq = this.writes++;
    return [...bySecond.values()].map(({ bucket, at, servers }) => ({
      bucket,
      at,
      writer: this.writer,
      seq,
      samples: servers.size,
      data: packStagedEntries([...servers].map(([serverId, sample]) => ({ serverId, data: encodeSamples([sample]) }))),
    }));
  }

  async compact(before: number, limit: number): Promise<number> {
    const boundary = Math.floor(before / RAW_WINDOW) * RAW_WINDOW;
    const packed = await this.writeChunks(async (trx) => {
      let servers = 0;
      for (let bucket = 0; bucket < STAGING_BUCKETS && servers < limit; bucket++) {
        // Window by window, oldest first, so a store far behind catches up in bounded memory.
        while (servers < limit) {
          const start = await this.oldestStaged(trx, bucket, boundary);
          if (start === null) break;
          servers += await this.packWindow(trx, bucket, start);
        }
      }
      return servers;
    });
    if (packed > 0) await this.space.afterCompact(this.db);
    return packed;
  }

  async samples(serverId: string, tier: HistoryTier, from: number, to: number): Promise<Sample[]> {
    return this.readSamples(this.db, serverId, tier, from, to);
  }

  async rollUp(job: RollUpJob): Promise<string | null> {
    const spec = tierSpec(job.tier);
    if (!spec.source) throw new Error(`tier ${job.tier} is not rolled up`);
    const source = spec.source;
    return this.writeChunks(async (trx) => {
      const servers = await this.serversWithData(trx, source, job);
      for (const serverId of servers) {
        const samples = await this.readSamples(trx, serverId, source, job.from, job.to);
        await this.writeChunk(trx, serverId, job.tier, job.from, rollUp(samples, spec.step));
      }
      return servers.length < job.limit ? null : servers[servers.length - 1];
    });
  }

  async expire(tier: HistoryTier, before: number, limit: number): Promise<number> {
    let deleted = await this.space.expire(this.db, tier, before, limit);
    if (tier === 'raw' && deleted < limit) {
      const result = await sql`delete from history_staging where (bucket, at, writer, seq) in
        (select bucket, at, writer, seq from history_staging where at < ${before} order by at limit ${limit - deleted})`.execute(this.db);
      deleted += Number(result.numAffectedRows ?? 0);
    }
    return deleted;
  }

  trimOldest(tier: HistoryTier, limit: number): Promise<number> {
    return this.space.trimOldest(this.db, tier, limit);
  }

  async transitions(serverId: string, before: number, limit: number): Promise<Transition[]> {
    const rows = await this.db
      .selectFrom('history_transition')
      .selectAll()
      .where('server_id', '=', serverId)
      .where('at', '<', before)
      .orderBy('at', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toTransition);
  }

  async windowTransitions(from: number, to: number): Promise<Transition[]> {
    const latestBefore = this.db
      .selectFrom('history_transition')
      .select((eb) => ['server_id', eb.fn.max('at').as('at')])
      .where('at', '<', from)
      .groupBy('server_id');
    const before = await this.db
      .selectFrom('history_transition as t')
      .innerJoin(latestBefore.as('b'), (join) => join.onRef('t.server_id', '=', 'b.server_id').onRef('t.at', '=', 'b.at'))
      .selectAll('t')
      .orderBy('t.at')
      .execute();
    const inside = await this.db
      .selectFrom('history_transition')
      .selectAll()
      .where('at', '>=', from)
      .where('at', '<', to)
      .orderBy('at')
      .execute();
    return [...before, ...inside].map(toTransition);
  }

  async purge(serverId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.unstage(trx, serverId);
      for (const tier of HISTORY_TIERS) await trx.deleteFrom(chunkTable(tier)).where('server_id', '=', serverId).execute();
      await trx.deleteFrom('history_transition').where('server_id', '=', serverId).execute();
    });
  }

  /** Takes a server's entries out of its bucket's staging rows; rows left empty are deleted. */
  private async unstage(trx: Transaction<Database>, serverId: string): Promise<void> {
    const bucket = stagingBucket(serverId);
    const rows = await trx.selectFrom('history_staging').select(['at', 'writer', 'seq', 'data']).where('bucket', '=', bucket).execute();
    for (const row of rows) {
      const entries = unpackStagedEntries(row.data);
      const kept = entries.filter((e) => e.serverId !== serverId);
      if (kept.length === entries.length) continue;
      const key = { bucket, at: row.at, writer: row.writer, seq: row.seq };
      if (kept.length === 0)
        await trx
          .deleteFrom('history_staging')
          .where((eb) => eb.and(key))
          .execute();
      else
        await trx
          .updateTable('history_staging')
          .set({ samples: kept.length, data: packStagedEntries(kept) })
          .where((eb) => eb.and(key))
          .execute();
    }
  }

  async expireTransitions(before: number): Promise<number> {
    const result = await this.db.deleteFrom('history_transition').where('at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async usage(): Promise<StorageUsage> {
    const tiers = [];
    for (const tier of HISTORY_TIERS) {
      const totals = (table: 'history_staging' | ChunkTable, samples: Expression<number>) =>
        this.db
          .selectFrom(table)
          .select((eb) => [eb.fn.sum<number>(samples).as('samples'), eb.fn.sum<number>(sql`length(data)`).as('bytes')])
          .executeTakeFirstOrThrow();
      const parts = [await totals(chunkTable(tier), sql`samples`)];
      if (tier === 'raw') parts.push(await totals('history_staging', sql`samples`));
      tiers.push({ tier, samples: sum(parts.map((p) => p.samples)), bytes: sum(parts.map((p) => p.bytes)) });
    }
    return { bytes: await this.size(), tiers };
  }

  async mark(name: string): Promise<number | null> {
    const row = await this.db.selectFrom('history_mark').select('value').where('name', '=', name).executeTakeFirst();
    return row ? Number(row.value) : null;
  }

  async setMark(name: string, value: number): Promise<void> {
    await this.db
      .insertInto('history_mark')
      .values({ name, value })
      .onConflict((oc) => oc.column('name').doUpdateSet({ value }))
      .execute();
  }

  /** The start of the oldest raw window with staged rows of `bucket` before `boundary`, if any. */
  private async oldestStaged(trx: Transaction<Database>, bucket: number, boundary: number): Promise<number | null> {
    const oldest = await trx
      .selectFrom('history_staging')
      .select('at')
      .where('bucket', '=', bucket)
      .where('at', '<', boundary)
      .orderBy('at')
      .limit(1)
      .executeTakeFirst();
    return oldest ? Math.floor(Number(oldest.at) / RAW_WINDOW) * RAW_WINDOW : null;
  }

  /** Packs the staged rows of `bucket` in the raw window at `start` into each server's chunk; how many servers. */
  private async packWindow(trx: Transaction<Database>, bucket: number, start: number): Promise<number> {
    const end = start + RAW_WINDOW;
    const byServer = stagedByServer(await this.stagedRows(trx, bucket, start, end));
    for (const [serverId, samples] of byServer) {
      // A report that arrived late joins the chunk its window already has.
      const existing = await this.chunkSamples(trx, serverId, 'raw', start);
      await this.writeChunk(trx, serverId, 'raw', start, mergeByTime(existing, samples));
    }
    await trx.deleteFrom('history_staging').where('bucket', '=', bucket).where('at', '>=', start).where('at', '<', end).execute();
    return byServer.size;
  }

  /** A transaction that writes chunks; if it fails, partitions it created are gone with it. */
  private async writeChunks<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction().execute(work);
    } catch (err) {
      this.space.reset();
      throw err;
    }
  }

  private async readSamples(db: Kysely<Database>, serverId: string, tier: HistoryTier, from: number, to: number): Promise<Sample[]> {
    const chunks = await db
      .selectFrom(chunkTable(tier))
      .select('data')
      .where('server_id', '=', serverId)
      // A chunk starts at its window's start; it may hold samples of [from, to) if it starts before `to` and ends at or after `from`.
      .where('start_at', '<', to)
      .where('end_at', '>=', from)
      .orderBy('start_at')
      .execute();
    let samples = chunks.flatMap((c) => decodeSamples(c.data));
    if (tier === 'raw') {
      const staged = await this.stagedRows(db, stagingBucket(serverId), from, to);
      samples = mergeByTime(samples, stagedByServer(staged, serverId).get(serverId) ?? []);
    }
    return samples.filter((s) => s.at >= from && s.at < to);
  }

  /** Ids of the servers with data of `tier` in the job's window after `job.after`, ascending, at most `job.limit`. */
  private async serversWithData(trx: Transaction<Database>, tier: HistoryTier, job: RollUpJob): Promise<string[]> {
    const after = job.after ?? '';
    const fromChunks = await trx
      .selectFrom(chunkTable(tier))
      .select('server_id')
      .distinct()
      .where('start_at', '<', job.to)
      .where('end_at', '>=', job.from)
      .where('server_id', '>', after)
      .orderBy('server_id')
      .limit(job.limit)
      .execute();
    const ids = new Set(fromChunks.map((r) => r.server_id));
    if (tier === 'raw') {
      // Few: raw roll-ups wait until packing has caught up (HistoryMaintenance), so only late reports are staged here.
      const staged = await trx.selectFrom('history_staging').select('data').where('at', '>=', job.from).where('at', '<', job.to).execute();
      for (const row of staged) for (const { serverId } of unpackStagedEntries(row.data)) if (serverId > after) ids.add(serverId);
    }
    return [...ids].sort(byteOrder).slice(0, job.limit);
  }

  /** A bucket's staging rows of [from, to), oldest first and in the order they were written. */
  private stagedRows(db: Kysely<Database>, bucket: number, from: number, to: number): Promise<{ data: Uint8Array }[]> {
    return db
      .selectFrom('history_staging')
      .select('data')
      .where('bucket', '=', bucket)
      .where('at', '>=', from)
      .where('at', '<', to)
      .orderBy('at')
      .orderBy('writer')
      .orderBy('seq')
      .execute();
  }

  private async chunkSamples(trx: Transaction<Database>, serverId: string, tier: HistoryTier, start: number): Promise<Sample[]> {
    const row = await trx
      .selectFrom(chunkTable(tier))
      .select('data')
      .where('server_id', '=', serverId)
      .where('start_at', '=', start)
      .executeTakeFirst();
    return row ? decodeSamples(row.data) : [];
  }

  private async writeChunk(
    trx: Transaction<Database>,
    serverId: string,
    tier: HistoryTier,
    start: number,
    samples: Sample[],
  ): Promise<void> {
    if (samples.length === 0) return;
    await this.space.prepare(trx, tier, [start]);
    const row = {
      server_id: serverId,
      start_at: start,
      end_at: samples[samples.length - 1].at,
      samples: samples.length,
      data: encodeSamples(samples),
    };
    await trx
      .insertInto(chunkTable(tier))
      .values(row)
      .onConflict((oc) => oc.columns(['server_id', 'start_at']).doUpdateSet({ end_at: row.end_at, samples: row.samples, data: row.data }))
      .execute();
  }

  async size(): Promise<number> {
    if (this.engine === 'postgres') {
      const { rows } = await sql<{ bytes: number }>`select pg_database_size(current_database()) as bytes`.execute(this.db);
      return Number(rows[0].bytes);
    }
    const { rows } = await sql<{ bytes: number }>`select (page_count - freelist_count) * page_size as bytes
      from pragma_page_count(), pragma_freelist_count(), pragma_page_size()`.execute(this.db);
    return Number(rows[0].bytes);
  }
}

function* batches<T>(items: readonly T[]): Generator<readonly T[]> {
  for (let i = 0; i < items.length; i += INSERT_BATCH) yield items.slice(i, i + INSERT_BATCH);
}

/** Each server's samples in staging rows, in the rows' order; only `serverId`'s when given. */
function stagedByServer(rows: readonly { data: Uint8Array }[], serverId?: string): Map<string, Sample[]> {
  const byServer = new Map<string, Sample[]>();
  for (const row of rows) {
    for (const entry of unpackStagedEntries(row.data, serverId)) {
      const samples = decodeSamples(entry.data);
      const server = byServer.get(entry.serverId);
      if (server) server.push(...samples);
      else byServer.set(entry.serverId, samples);
    }
  }
  return byServer;
}

/** Both lists oldest first; on equal times the later list wins. */
function mergeByTime(older: Sample[], newer: Sample[]): Sample[] {
  if (newer.length === 0) return older;
  const byTime = new Map<number, Sample>();
  for (const s of [...older, ...newer]) byTime.set(s.at, s);
  return [...byTime.values()].sort((a, b) => a.at - b.at);
}

function wholeSecond(at: number): number {
  return Math.round(at / 1000) * 1000;
}

function sum(values: readonly (number | string | null)[]): number {
  return values.reduce<number>((total, v) => total + Number(v ?? 0), 0);
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toTransition(row: Database['history_transition']): Transition {
  return { serverId: row.server_id, at: Number(row.at), online: Number(row.online) === 1, cause: row.cause as Transition['cause'] };
}
