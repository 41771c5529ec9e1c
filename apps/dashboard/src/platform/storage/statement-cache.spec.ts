import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withStatementCache } from './statement-cache';

describe('withStatementCache', () => {
  let dir: string;
  let file: BetterSqlite3.Database;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sss-statements-'));
    file = new BetterSqlite3(join(dir, 'sss.db'));
    file.exec('create table t (a integer)');
  });

  afterEach(() => {
    if (file.open) file.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prepares each SQL text once', () => {
    const db = withStatementCache(file);
    const insert = db.prepare('insert into t (a) values (?)');
    expect(db.prepare('insert into t (a) values (?)')).toBe(insert);
    expect(db.prepare('select a from t')).not.toBe(insert);
  });

  it('keeps working when a migration changes the table under a cached statement', () => {
    const db = withStatementCache(file);
    db.prepare('insert into t (a) values (?)').run([1]);
    expect(db.prepare('select * from t').all([])).toEqual([{ a: 1 }]);
    file.exec('alter table t add column b text');
    db.prepare('insert into t (a) values (?)').run([2]);
    expect(db.prepare('select * from t').all([])).toEqual([
      { a: 1, b: null },
      { a: 2, b: null },
    ]);
  });

  it('holds a bounded number of statements, the oldest going first', () => {
    const db = withStatementCache(file);
    const first = db.prepare('select 0');
    for (let i = 1; i <= 256; i++) db.prepare(`select ${i}`);
    const last = db.prepare('select 256');
    expect(db.prepare('select 256')).toBe(last);
    expect(db.prepare('select 0')).not.toBe(first);
  });

  it('closes the file', () => {
    withStatementCache(file).close();
    expect(file.open).toBe(false);
  });
});
