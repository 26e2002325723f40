// Compare runs on the real engines: differences are explained by the right catalogue
// entries, and suggested ports really run on the engine that rejected the original.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlignedRow } from '../../../src/compare/align';
import { explainDifferences, suggestPort, type Explanation } from '../../../src/compare/explain';
import type { PgliteEngine } from '../../../src/engine/pglite';
import type { EngineId } from '../../../src/engine/types';
import { compareOnBothEngines } from '../helpers/compare';
import { runAll, startPg, startSqlite } from '../helpers/engines';

let pg: PgliteEngine;

beforeAll(async () => {
  pg = await startPg();
});
afterAll(async () => {
  await pg.close();
});

/** Runs a compare script on both engines and explains what differs. */
async function compare(script: string): Promise<{ rows: AlignedRow[]; explained: Explanation[] }> {
  const rows = await compareOnBothEngines(pg, script);
  return { rows, explained: explainDifferences(rows) };
}

let schema = 0;

/** Runs one statement on a fresh engine of that kind. */
async function runOn(engine: EngineId, sql: string) {
  if (engine === 'postgres') {
    schema++;
    await runAll(pg, `create schema cmp_x${schema}; set search_path = cmp_x${schema};`);
    const r = await runAll(pg, sql, false);
    await runAll(pg, 'reset search_path;');
    return r.results;
  }
  const sqlite = await startSqlite();
  try {
    return (await runAll(sqlite, sql, false)).results;
  } finally {
    await sqlite.close();
  }
}

const ids = (e: Explanation | undefined) => e?.matches.map((m) => m.entryId) ?? [];

describe('explaining real differences', () => {
  it('SERIAL: no error, but NULL ids on SQLite, explained by the serial entry', async () => {
    const { rows, explained } = await compare(
      "create table item (id serial primary key, name text);\ninsert into item (name) values ('a'), ('b');\nselect id, name from item order by name;",
    );
    expect(rows.map((r) => r.differences.map((d) => d.kind))).toEqual([[], [], ['value', 'value']]);
    expect(explained).toHaveLength(2);
    expect(explained[0]?.difference).toMatchObject({
      row: 0,
      column: 0,
      values: { postgres: 1, sqlite: null },
    });
    expect(ids(explained[0])[0]).toBe('serial-vs-rowid');
    const port = suggestPort(rows[0]?.sides.postgres.sql ?? '', 'sqlite');
    expect(port).toMatchObject({
      entryId: 'serial-vs-rowid',
      ported: 'create table item (id INTEGER primary key, name text)',
    });
    const ran = await runOn(
      'sqlite',
      `${port?.ported};\ninsert into item (name) values ('a');\nselect id from item;`,
    );
    expect(ran.map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
    expect(ran[2]?.rows).toEqual([[1]]);
  });

  it('NOW(): fails on SQLite, matches the now() entry, and the port runs there', async () => {
    const { rows, explained } = await compare('select now() is not null as has_time;');
    expect(rows[0]?.sides.sqlite.error?.message).toBe('no such function: now');
    expect(explained.map((e) => e.difference.kind)).toEqual(['one-side-error']);
    expect(ids(explained[0])[0]).toBe('now-function');
    const port = suggestPort(rows[0]?.sides.postgres.sql ?? '', 'sqlite');
    expect(port).toMatchObject({
      entryId: 'now-function',
      ported: 'select CURRENT_TIMESTAMP is not null as has_time',
    });
    const ran = await runOn('sqlite', port?.ported ?? '');
    expect(ran[0]).toMatchObject({ status: 'ok', rows: [[1]] });
  });

  it('ILIKE: a syntax error on SQLite, matched by the LIKE entry; the port runs', async () => {
    const sql = "select count(*) from (select 'Apple' as name) t where name ilike 'apple'";
    const { rows, explained } = await compare(`${sql};`);
    expect(rows[0]?.sides.sqlite.status).toBe('error');
    expect(ids(explained[0])[0]).toBe('like-case');
    const port = suggestPort(sql, 'sqlite');
    expect(port?.entryId).toBe('like-case');
    const ran = await runOn('sqlite', port?.ported ?? '');
    expect(ran[0]).toMatchObject({ status: 'ok', rows: [[1]] });
  });

  it(':: casts: fail on SQLite, matched by the cast entry; the port runs and keeps the string', async () => {
    const sql = "select '42'::integer + 1 as n, '::' as s, '2024-05-01 10:30'::date as d";
    const { explained } = await compare(`${sql};`);
    expect(ids(explained[0])[0]).toBe('cast-syntax');
    const port = suggestPort(sql, 'sqlite');
    expect(port?.ported).toBe(
      "select CAST('42' AS integer) + 1 as n, '::' as s, date('2024-05-01 10:30') as d",
    );
    const ran = await runOn('sqlite', port?.ported ?? '');
    expect(ran[0]).toMatchObject({ status: 'ok', rows: [[43, '::', '2024-05-01']] });
  });

  it('chains ports when a statement needs several', async () => {
    const sql = 'create table ev (id bigserial primary key, at timestamptz default now())';
    const port = suggestPort(sql, 'sqlite');
    expect(port?.applied.map((a) => a.entryId)).toEqual(['now-function', 'serial-vs-rowid']);
    expect(port?.ported).toBe(
      'create table ev (id INTEGER primary key, at timestamptz default CURRENT_TIMESTAMP)',
    );
    const ran = await runOn(
      'sqlite',
      `${port?.ported};\ninsert into ev default values;\nselect id, at is not null from ev;`,
    );
    expect(ran[2]).toMatchObject({ status: 'ok', rows: [[1, 1]] });
  });

  it('ports SQLite-only statements so that Postgres runs them', async () => {
    const cases: [string, string][] = [
      ['create table a (id integer primary key autoincrement, t text) strict', 'strict-tables'],
      ['create table a2 (id integer primary key autoincrement, t text)', 'rowid-and-autoincrement'],
      ['create table b (k text primary key, v text) without rowid', 'without-rowid'],
      ["select ifnull(null, 'x'), max(1, 2), typeof(1)", 'typeof-function'],
      ['select group_concat(n) from (select 1 as n union all select 2) s', 'string-aggregation'],
      ['begin immediate', 'begin-immediate'],
      ['explain query plan select 1', 'explain-formats'],
      ['select `n` from (select 1 as [n]) s', 'identifier-case'],
    ];
    for (const [sql, entryId] of cases) {
      const before = await runOn('postgres', sql);
      expect(before[0]?.status, sql).toBe('error');
      const port = suggestPort(sql, 'postgres');
      expect(port?.entryId, sql).toBe(entryId);
      const after = await runOn('postgres', port?.ported ?? '');
      expect(after[0]?.status, port?.ported).toBe('ok');
      if (pg.inTransaction()) await runAll(pg, 'rollback');
    }
    const ignore = suggestPort("insert or ignore into c values (1, 'x')", 'postgres');
    const ran = await runOn(
      'postgres',
      `create table c (id int primary key, v text);\ninsert into c values (1, 'a');\n${ignore?.ported}`,
    );
    expect(ran.map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
    expect(ran[2]?.rowsAffected).toBe(0);
  });

  it('explains NULL ordering and type differences from the same run', async () => {
    const { explained } = await compare(
      'create table r (score integer);\ninsert into r values (2), (null), (1);\nselect score from r order by score;\nselect 7 / 2.0 as half;',
    );
    expect(explained.map((e) => [e.row, e.difference.kind, ids(e)[0]])).toEqual([
      [2, 'null-order', 'null-ordering'],
      [3, 'type', 'integer-division'],
    ]);
  });

  it('reports differences the catalogue does not know, with no matches', async () => {
    const { explained } = await compare('select pg_backend_pid() > 0 as alive;');
    expect(explained).toHaveLength(1);
    expect(explained[0]?.difference.kind).toBe('one-side-error');
    expect(explained[0]?.matches).toEqual([]);
    const none = explainDifferences(
      [
        {
          index: 0,
          kind: 'SELECT',
          variant: false,
          omitted: 0,
          sides: { postgres: { status: 'ok', sql: 'select 1' }, sqlite: { status: 'missing' } },
          differences: [{ kind: 'missing', engine: 'postgres', note: 'x' }],
        },
      ],
      [],
    );
    expect(none).toEqual([
      { row: 0, difference: { kind: 'missing', engine: 'postgres', note: 'x' }, matches: [] },
    ]);
  });

  it('runs per-engine variants as one aligned row without differences', async () => {
    const { rows } = await compare(
      [
        '-- @postgres',
        'create table v (id integer generated by default as identity primary key, n text);',
        '-- @sqlite',
        'create table v (id integer primary key, n text);',
        '-- @end',
        "insert into v (n) values ('a');",
        'select id, n from v;',
      ].join('\n'),
    );
    expect(rows.map((r) => [r.kind, r.variant, r.differences.length])).toEqual([
      ['CREATE TABLE', true, 0],
      ['INSERT', false, 0],
      ['SELECT', false, 0],
    ]);
  });
});
