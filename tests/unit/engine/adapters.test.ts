import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgliteEngine } from '../../../src/engine/pglite';
import type { SqljsEngine } from '../../../src/engine/sqljs';
import { runAll, startPg, startSqlite } from '../helpers/engines';

describe('PGlite adapter', () => {
  let pg: PgliteEngine;
  beforeAll(async () => {
    pg = await startPg();
  });
  afterAll(() => pg.close());

  it('gives one typed result per statement', async () => {
    const run = await runAll(
      pg,
      `create table t (id int primary key, name text, price numeric(6,2), big bigint, ok boolean,
        at timestamptz, doc jsonb, raw bytea, tags text[]);
insert into t values (1, 'a', 1.5, 9007199254740993, true, '2024-01-02 03:04:05+00', '{"a": [1, 2]}', '\\x0102', '{x,y}'),
                     (2, NULL, NULL, 7, false, NULL, NULL, NULL, NULL);
select * from t order by id;`,
    );
    expect(run.results.map((r) => [r.status, r.command])).toEqual([
      ['ok', 'CREATE TABLE'],
      ['ok', 'INSERT'],
      ['ok', 'SELECT'],
    ]);
    expect(run.results[1]?.rowsAffected).toBe(2);
    const select = run.results[2]!;
    expect(select.columns.map((c) => [c.name, c.type, c.kind])).toEqual([
      ['id', 'integer', 'number'],
      ['name', 'text', 'text'],
      ['price', 'numeric', 'number'],
      ['big', 'bigint', 'number'],
      ['ok', 'boolean', 'boolean'],
      ['at', 'timestamp with time zone', 'datetime'],
      ['doc', 'jsonb', 'json'],
      ['raw', 'bytea', 'binary'],
      ['tags', 'text[]', 'array'],
    ]);
    const [first, second] = select.rows;
    expect(first?.slice(0, 5)).toEqual([1, 'a', '1.50', '9007199254740993', true]);
    expect(first?.[5]).toBe('2024-01-02 03:04:05+00');
    expect(first?.[6]).toBe('{"a": [1, 2]}');
    expect(first?.[7]).toEqual(new Uint8Array([1, 2]));
    expect(first?.[8]).toBe('{x,y}');
    expect(second?.slice(0, 5)).toEqual([2, null, null, 7, false]);
    expect(run.changed).toBe(true);
    expect(select.range).toEqual({
      from: run.results[2]!.range.from,
      to: run.results[2]!.range.from + 'select * from t order by id'.length,
    });
  });

  it('shows arrays of every kind as Postgres prints them', async () => {
    const run = await runAll(
      pg,
      `select array[1, 2]::int[] as ints, array[[1.5, 2], [3, 4]]::numeric[] as grid,
  array['a b', null, 'c"d']::text[] as words, array['{"k": 1}']::jsonb[] as docs,
  array[true, false] as flags, '{}'::int8[] as none;`,
    );
    const select = run.results[0]!;
    expect(select.columns.map((c) => [c.type, c.kind])).toEqual([
      ['integer[]', 'array'],
      ['numeric[]', 'array'],
      ['text[]', 'array'],
      ['jsonb[]', 'array'],
      ['boolean[]', 'array'],
      ['bigint[]', 'array'],
    ]);
    expect(select.rows[0]).toEqual([
      '{1,2}',
      '{{1.5,2},{3,4}}',
      '{"a b",NULL,"c\\"d"}',
      '{"{\\"k\\": 1}"}',
      '{t,f}',
      '{}',
    ]);
  });

  it('reports notices, duplicate column names and user-defined types', async () => {
    const run = await runAll(
      pg,
      `create type mood as enum ('sad', 'ok');
do $$ begin raise notice 'hello %', 42; end $$;
select 'ok'::mood as m, 1 as a, 2 as a;`,
    );
    expect(run.results[1]?.notices.map((n) => [n.severity, n.message])).toEqual([
      ['NOTICE', 'hello 42'],
    ]);
    expect(run.results[2]?.columns.map((c) => [c.name, c.type, c.kind])).toEqual([
      ['m', 'mood', 'text'],
      ['a', 'integer', 'number'],
      ['a', 'integer', 'number'],
    ]);
    expect(run.results[2]?.rows).toEqual([['ok', 1, 2]]);
  });

  it('maps error positions to line and column of the whole script', async () => {
    const script = 'select 1;\n\n  select 2 +;\nselect 3;';
    const run = await runAll(pg, script, true);
    expect(run.results).toHaveLength(2);
    expect(run.notRun).toBe(1);
    const err = run.results[1]?.error;
    expect(err?.code).toBe('42601');
    expect(err?.message).toBe('syntax error at end of input');
    expect(err?.position).toMatchObject({ line: 3, column: 13 });
    const typo = await runAll(pg, "select 'é😀', nam from (select 1 as name) x");
    const e2 = typo.results[0]?.error;
    expect(e2?.message).toBe('column "nam" does not exist');
    expect(e2?.position?.column).toBe("select 'é😀', ".length + 1);
    expect(e2?.range).toEqual({ from: "select 'é😀', ".length, to: "select 'é😀', nam".length });
    expect(e2?.hint).toMatch(/name/);
  });

  it('continues after errors when asked', async () => {
    const run = await runAll(pg, 'select 1/0; select 2;', false);
    expect(run.results.map((r) => r.status)).toEqual(['error', 'ok']);
    expect(run.results[0]?.error?.code).toBe('22012');
  });

  it('skips psql meta-commands and CREATE DATABASE with an explanation', async () => {
    const run = await runAll(
      pg,
      'DROP DATABASE IF EXISTS shop;\nCREATE DATABASE shop;\n\\c shop\n\\set x 1\nselect current_database();',
      true,
    );
    expect(run.results.map((r) => r.status)).toEqual([
      'skipped',
      'skipped',
      'skipped',
      'skipped',
      'ok',
    ]);
    expect(run.results[1]?.notices[0]?.message).toMatch(/PGlite runs one database, "postgres"/);
    expect(run.results[2]?.notices[0]?.message).toMatch(/connect to database "shop"/);
    expect(run.results[4]?.rows).toEqual([['postgres']]);
  });

  it('loads COPY FROM stdin data', async () => {
    const run = await runAll(
      pg,
      'create table c (a int, b text);\nCOPY c (a, b) FROM stdin;\n1\tone\n2\t\\N\n\\.\nselect * from c order by a;',
      true,
    );
    expect(run.results.map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
    expect(run.results[1]?.rowsAffected).toBe(2);
    expect(run.results[2]?.rows).toEqual([
      [1, 'one'],
      [2, null],
    ]);
  });

  it('restarts with an extension that PGlite ships and keeps the data', async () => {
    const run = await runAll(
      pg,
      "create table keep (x int); insert into keep values (7);\ncreate extension hstore;\nselect 'a=>1'::hstore -> 'a' as v, (select x from keep) as kept;",
      true,
    );
    expect(run.results.map((r) => r.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(run.results[2]?.notices[0]?.message).toMatch(/Loaded the "hstore" extension/);
    expect(run.results[3]?.rows).toEqual([['1', 7]]);
    expect(pg.loadedExtensions()).toContain('hstore');
  });

  it('lists what is available for an extension PGlite does not ship', async () => {
    const run = await runAll(pg, 'create extension postgis;');
    const err = run.results[0]?.error;
    expect(err?.message).toBe('extension "postgis" is not available');
    expect(err?.hint).toMatch(/Available here: .*hstore.*pg_trgm/);
  });

  it('round-trips through a snapshot', async () => {
    await runAll(pg, 'create table snap (v text); insert into snap values ($$kept$$);');
    const snap = await pg.snapshot();
    const { PgliteEngine } = await import('../../../src/engine/pglite');
    const other = await PgliteEngine.start({ snapshot: snap });
    const r = await other.query('select v from snap');
    expect(r.rows).toEqual([['kept']]);
    await other.close();
  });
});

describe('sql.js adapter', () => {
  let db: SqljsEngine;
  beforeAll(async () => {
    db = await startSqlite();
  });
  afterAll(() => db.close());

  it('starts with a database nothing has touched (its warm-up query leaves no trace)', async () => {
    const fresh = await startSqlite();
    const rows = await fresh.query(
      'select changes(), total_changes(), last_insert_rowid(), (select count(*) from sqlite_schema)',
    );
    expect(rows.rows).toEqual([[0, 0, 0, 0]]);
    await fresh.close();
  });

  it('gives one result per statement with storage classes as types', async () => {
    const run = await runAll(
      db,
      `create table t (id integer primary key, name text, price real, raw blob);
insert into t values (1, 'a', 2.0, x'0102'), (2, null, 2.5, null), (3, 'NULL', 9007199254740993, null);
select * from t order by id;
select typeof(price), 1 + 1.5 from t limit 1;`,
    );
    expect(run.results.map((r) => [r.status, r.command])).toEqual([
      ['ok', 'CREATE TABLE'],
      ['ok', 'INSERT'],
      ['ok', 'SELECT'],
      ['ok', 'SELECT'],
    ]);
    expect(run.results[1]?.rowsAffected).toBe(3);
    const sel = run.results[2]!;
    expect(sel.columns.map((c) => [c.name, c.type, c.kind])).toEqual([
      ['id', 'INTEGER', 'number'],
      ['name', 'TEXT', 'text'],
      ['price', 'REAL', 'number'],
      ['raw', 'BLOB', 'binary'],
    ]);
    expect(sel.rows[0]).toEqual([1, 'a', 2, new Uint8Array([1, 2])]);
    expect(sel.rows[1]).toEqual([2, null, 2.5, null]);
    // 9007199254740993 does not fit a REAL exactly; SQLite stores it in a REAL column as REAL.
    expect(sel.rows[2]?.[1]).toBe('NULL');
    expect(run.results[3]?.rows).toEqual([['real', 2.5]]);
  });

  it('locates `near` syntax errors, choosing the right occurrence', async () => {
    const script = 'select 1;\nselect select from t;';
    const run = await runAll(db, script, true);
    const err = run.results[1]?.error;
    expect(err?.message).toBe('near "select": syntax error');
    expect(err?.position).toMatchObject({ line: 2, column: 8 });
  });

  it('locates missing tables and columns', async () => {
    const run = await runAll(db, 'select nope from t;\nselect * from\n  missing_table;');
    expect(run.results[0]?.error?.message).toBe('no such column: nope');
    expect(run.results[0]?.error?.position).toMatchObject({ line: 1, column: 8 });
    expect(run.results[1]?.error?.message).toBe('no such table: missing_table');
    expect(run.results[1]?.error?.position).toMatchObject({ line: 3, column: 3 });
  });

  it('keeps trigger bodies whole and skips dot-commands', async () => {
    const run = await runAll(
      db,
      `.headers on
create table log (msg text);
create table src (a int);
create trigger tr after insert on src begin
  insert into log values (case when new.a > 1 then 'big' else 'small' end);
end;
insert into src values (1), (5);
select msg from log order by rowid;`,
      true,
    );
    expect(run.results.map((r) => r.status)).toEqual(['skipped', 'ok', 'ok', 'ok', 'ok', 'ok']);
    expect(run.results[5]?.rows).toEqual([['small'], ['big']]);
  });

  it('keeps PRAGMA foreign_keys through a snapshot', async () => {
    await runAll(db, 'pragma foreign_keys = on; create table p (id integer primary key);');
    const snap = await db.snapshot();
    expect(snap.pragmas.foreign_keys).toBe('1');
    expect((await db.query('pragma foreign_keys')).rows).toEqual([[1]]);
    const { SqljsEngine } = await import('../../../src/engine/sqljs');
    const other = await SqljsEngine.start({ snapshot: snap });
    expect((await other.query('pragma foreign_keys')).rows).toEqual([[1]]);
    expect((await other.query("select name from sqlite_schema where name = 'p'")).rows).toEqual([
      ['p'],
    ]);
    await other.close();
  });

  it('knows when a transaction is open', async () => {
    await runAll(db, 'begin;');
    expect(db.inTransaction()).toBe(true);
    await runAll(db, 'commit;');
    expect(db.inTransaction()).toBe(false);
  });
});

describe('every extension PGlite ships', () => {
  it('can be created with CREATE EXTENSION, one restart each, keeping the data', async () => {
    const { PG_EXTENSIONS } = await import('../../../src/engine/pg-extensions');
    const pg = await startPg();
    try {
      await runAll(pg, "create table survivor (v text); insert into survivor values ('kept');");
      const failed: string[] = [];
      for (const name of Object.keys(PG_EXTENSIONS)) {
        const run = await runAll(pg, `create extension if not exists "${name}" cascade;`);
        if (run.results[0]?.status !== 'ok')
          failed.push(`${name}: ${run.results[0]?.error?.message}`);
      }
      expect(failed).toEqual([]);
      const installed = await pg.query('select count(*) from pg_extension');
      expect(Number(installed.rows[0]?.[0])).toBeGreaterThanOrEqual(
        Object.keys(PG_EXTENSIONS).length,
      );
      expect((await pg.query('select v from survivor')).rows).toEqual([['kept']]);
    } finally {
      await pg.close();
    }
  }, 180_000);
});
