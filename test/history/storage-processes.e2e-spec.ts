import { spawn, type ChildProcess } from 'node:child_process';
import { type Kysely, sql } from 'kysely';
import { KyselyHistoryStore } from '../../apps/dashboard/src/history/adapters/outbound/kysely/kysely-history.store';
import { encodeSamples } from '../../apps/dashboard/src/history/adapters/outbound/kysely/sample-codec';
import type { StorageEngine } from '../../apps/dashboard/src/platform/storage/database';
import { migrate, MIGRATIONS } from '../../apps/dashboard/src/platform/storage/migrations/migrate';
import { stagingBucket } from '../../apps/dashboard/src/platform/storage/staging-bucket';
import { cleanEnv } from '../support/child-app';
import { ROOT } from '../support/dashboard-process';
import { serversOfOneBucket } from './support/one-bucket';
import { freshStorage, openStorage, type TestStorage } from './support/test-storage';

const CHILD = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'test/history/support/storage-child.ts'];

interface Child {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: string | null }>;
}

/** Starts the storage child. `killWhen` kills it with SIGKILL once its output matches. */
function child(args: string[], killWhen?: RegExp): Child {
  const proc = spawn(process.execPath, [...CHILD, ...args], { cwd: ROOT, env: { ...cleanEnv(), TS_NODE_PROJECT: 'tsconfig.jest.json' } });
  let out = '';
  proc.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (killWhen?.test(out)) proc.kill('SIGKILL');
  });
  proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { proc, output: () => out, exited };
}

async function outputMatches(c: Child, pattern: RegExp): Promise<void> {
  for (let i = 0; i < 300 && !pattern.test(c.output()); i++) await new Promise((r) => setTimeout(r, 100));
  if (!pattern.test(c.output())) throw new Error(`no ${pattern} in: ${c.output()}`);
}

describe.each<StorageEngine>(['sqlite', 'postgres'])('the %s schema and a second process', (engine) => {
  let storage: TestStorage;

  afterEach(() => storage.db.destroy());

  it('migrates an empty database once, and a database of the previous version to the next', async () => {
    storage = await freshStorage(engine, false);
    expect(await migrate(storage.db, engine)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await migrate(storage.db, engine)).toEqual([]);
    const store = new KyselyHistoryStore(storage.db, engine);
    await store.append([{ serverId: 'a', sample: { at: 1_000_000, values: { cpu: 5 } } }], []);
    const next = {
      version: 1000,
      name: 'a later step',
      up: (db: Parameters<(typeof MIGRATIONS)[number]['up']>[0]) =>
        db.schema.alterTable('history_mark').addColumn('note', 'text').execute(),
    };
    expect(await migrate(storage.db, engine, [...MIGRATIONS, next])).toEqual([1000]);
    expect(await store.samples('a', 'raw', 0, 2_000_000)).toEqual([{ at: 1_000_000, values: { cpu: 5 } }]);
  });

  it.each([9, 10])('carries the reports staged under version %i over to staging batches, and packs them', async (version) => {
    storage = await freshStorage(engine, false);
    expect(
      await migrate(
        storage.db,
        engine,
        MIGRATIONS.filter((m) => m.version <= version),
      ),
    ).toContain(version);
    // As versions 9 and 10 staged them, one row per server and second: 700 rows, more than one copy batch. The
    // servers share a bucket, so a copy batch ends inside a bucket's second.
    const ids = serversOfOneBucket(7);
    const sample = (at: number) => encodeSamples([{ at, values: { cpu: at / 1000 } }]);
    const staged = ids.flatMap((server_id) =>
      Array.from({ length: 100 }, (_, i) => ({
        server_id,
        at: 1_000_000 + i * 5000,
        data: sample(1_000_000 + i * 5000),
        ...(version === 10 ? { bucket: stagingBucket(server_id) } : {}),
      })),
    );
    const previous = storage.db as unknown as Kysely<{ history_staging: (typeof staged)[number] }>;
    for (let i = 0; i < staged.length; i += 100)
      await previous
        .insertInto('history_staging')
        .values(staged.slice(i, i + 100))
        .execute();
    expect(await migrate(storage.db, engine)).toEqual(MIGRATIONS.filter((m) => m.version > version).map((m) => m.version));
    const store = new KyselyHistoryStore(storage.db, engine);
    const expected = Array.from({ length: 100 }, (_, i) => ({ at: 1_000_000 + i * 5000, values: { cpu: 1000 + i * 5 } }));
    for (const id of ids) expect(await store.samples(id, 'raw', 0, 2_000_000)).toEqual(expected);
    expect((await store.usage()).tiers.find((t) => t.tier === 'raw')?.samples).toBe(700);
    expect(await store.compact(10_000_000, 1000)).toBe(14); // 7 servers, 2 windows of 10 minutes
    const left = await storage.db
      .selectFrom('history_staging')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(0);
    expect(await store.samples(ids[3], 'raw', 0, 2_000_000)).toEqual(expected);
  });

  it('lets two processes migrate at once: each step runs exactly once', async () => {
    storage = await freshStorage(engine, false);
    const both = [child(['migrate', engine, storage.location]), child(['migrate', engine, storage.location])];
    // Both started and connected, then released together into a migration that takes half a second.
    for (const c of both) await outputMatches(c, /^ready$/m);
    for (const c of both) c.proc.stdin!.end('go\n');
    const exits = await Promise.all(both.map((c) => c.exited));
    expect(exits.map((e) => e.code)).toEqual([0, 0]);
    const applied = both.flatMap((c) => JSON.parse(c.output().split('\n')[1]) as number[]);
    expect(applied.sort((a, b) => a - b)).toEqual([...MIGRATIONS.map((m) => m.version), 1001]);
    const { rows } = await sql<{ n: number }>`select count(*) as n from schema_version`.execute(storage.db);
    expect(Number(rows[0].n)).toBe(MIGRATIONS.length + 1);
  }, 60_000);

  it('keeps every committed write and opens cleanly after the writer is killed with SIGKILL mid-write', async () => {
    storage = await freshStorage(engine);
    const writer = child(['write', engine, storage.location], /wrote (\d*[05]00)\n/);
    expect((await writer.exited).signal).toBe('SIGKILL');
    const committed = Math.max(...[...writer.output().matchAll(/wrote (\d+)/g)].map((m) => Number(m[1])));
    await storage.db.destroy();
    storage.db = openStorage(engine, storage.location); // a fresh connection, as a restarted dashboard would open
    if (engine === 'sqlite') {
      const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(storage.db);
      expect(rows).toEqual([{ integrity_check: 'ok' }]);
    }
    const samples = await new KyselyHistoryStore(storage.db, engine).samples('w', 'raw', 0, Number.MAX_SAFE_INTEGER);
    expect(samples.length).toBeGreaterThanOrEqual(committed);
    expect(samples.length % 50).toBe(0); // whole transactions only
  }, 60_000);
});
