// Alignment and cell-level differences on hand-made results, where every case is exact.
import { describe, expect, it } from 'vitest';
import { alignResults, type AlignedRow } from '../../../src/compare/align';
import { MAX_CELL_DIFFERENCES } from '../../../src/compare/diff';
import { canonical, relateCells } from '../../../src/compare/normalise';
import { splitVariants } from '../../../src/compare/variants';
import type { Cell, ResultColumn, StatementResult, ValueKind } from '../../../src/engine/types';
import { freshOffset, statementResult } from '../helpers/results';

function col(name: string, type: string, kind: ValueKind): ResultColumn {
  return { name, type, kind };
}

const res = statementResult;

/** The same statement on both engines, with per-engine overrides. */
function pair(
  sql: string,
  pg: Partial<StatementResult>,
  lite: Partial<StatementResult>,
): AlignedRow {
  const from = freshOffset();
  const rows = alignResults({
    results: {
      postgres: [res(sql, { ...pg, range: { from, to: from + sql.length } })],
      sqlite: [res(sql, { ...lite, range: { from, to: from + sql.length } })],
    },
  });
  expect(rows).toHaveLength(1);
  return rows[0] as AlignedRow;
}

const intPg = [col('n', 'integer', 'number')];
const intLite = [col('n', 'INTEGER', 'number')];
const rowsOf = (...values: Cell[]): Cell[][] => values.map((v) => [v]);

describe('alignResults', () => {
  it('pairs statements by where they start and reports time and outcome per side', () => {
    const a = res('select 1', { durationMs: 2 });
    const b = res('select 1', { range: a.range, durationMs: 5 });
    const [row] = alignResults({ results: { postgres: [a], sqlite: [b] } });
    expect(row?.sides.postgres).toMatchObject({ status: 'ok', sql: 'select 1', durationMs: 2 });
    expect(row?.sides.sqlite).toMatchObject({ status: 'ok', durationMs: 5 });
    expect(row?.kind).toBe('SELECT');
    expect(row?.differences).toEqual([]);
  });

  it('reports a statement that failed on one side only', () => {
    const row = pair(
      "select 'a' ilike 'A'",
      { columns: [col('?column?', 'boolean', 'boolean')], rows: [[true]] },
      { status: 'error', error: { kind: 'sql', message: 'near "\'A\'": syntax error' } },
    );
    expect(row.sides.sqlite.error).toEqual({ message: 'near "\'A\'": syntax error' });
    expect(row.differences).toHaveLength(1);
    expect(row.differences[0]).toMatchObject({ kind: 'one-side-error', engine: 'sqlite' });
    expect(row.differences[0]?.note).toMatch(/^Fails on SQLite only \(near/);
  });

  it('reports nothing when both fail', () => {
    const failed = { status: 'error' as const, error: { kind: 'sql' as const, message: 'x' } };
    expect(pair('select nope', failed, failed).differences).toEqual([]);
  });

  it('reports a statement that ran on one engine only as missing', () => {
    const a = res('select 1');
    const b = res('select 2');
    const rows = alignResults({ results: { postgres: [a, b], sqlite: [a] } });
    expect(rows.map((r) => [r.sides.postgres.status, r.sides.sqlite.status])).toEqual([
      ['ok', 'ok'],
      ['ok', 'missing'],
    ]);
    expect(rows[1]?.differences).toMatchObject([{ kind: 'missing', engine: 'postgres' }]);
  });

  it('pairs variant sections as one row, and a one-engine block as absent, not missing', () => {
    const script = [
      '-- @postgres',
      'create table t (id serial primary key);',
      '-- @sqlite',
      'create table t (id integer primary key);',
      '-- @end',
      '-- @sqlite',
      'pragma foreign_keys = on;',
      '-- @end',
      'select 1;',
    ].join('\n');
    const split = splitVariants(script);
    if (!split.ok) throw new Error(split.message);
    const at = (text: string) => ({
      from: script.indexOf(text),
      to: script.indexOf(text) + text.length,
    });
    const pgCreate = res('create table t (id serial primary key)', {
      range: at('create table t (id serial'),
    });
    const liteCreate = res('create table t (id integer primary key)', {
      range: at('create table t (id integer'),
    });
    const pragma = res('pragma foreign_keys = on', { range: at('pragma') });
    const pgSelect = res('select 1', { range: at('select 1') });
    const rows = alignResults({
      results: { postgres: [pgCreate, pgSelect], sqlite: [liteCreate, pragma, { ...pgSelect }] },
      blocks: split.blocks,
    });
    expect(
      rows.map((r) => [r.index, r.variant, r.sides.postgres.status, r.sides.sqlite.status]),
    ).toEqual([
      [0, true, 'ok', 'ok'],
      [1, true, 'absent', 'ok'],
      [2, false, 'ok', 'ok'],
    ]);
    expect(rows[0]?.sides.postgres.sql).toContain('serial');
    expect(rows[0]?.sides.sqlite.sql).toContain('integer');
    expect(rows.flatMap((r) => r.differences)).toEqual([]);
  });
});

describe('differences between results', () => {
  it('finds one differing cell with its row and column', () => {
    const cols = [col('id', 'integer', 'number'), col('name', 'text', 'text')];
    const row = pair(
      'select id, name from t order by name',
      {
        columns: cols,
        rows: [
          [1, 'a'],
          [2, 'b'],
        ],
      },
      {
        columns: cols,
        rows: [
          [1, 'a'],
          [null, 'b'],
        ],
      },
    );
    expect(row.differences).toEqual([
      {
        kind: 'value',
        row: 1,
        column: 0,
        values: { postgres: 2, sqlite: null },
        note: 'Row 2, column 1: 2 on PostgreSQL, NULL on SQLite.',
      },
    ]);
  });

  it('reports rows that differ only in order, and whether an order was asked for', () => {
    const unordered = pair(
      'select n from t',
      { columns: intPg, rows: rowsOf(1, 2, 3) },
      { columns: intLite, rows: rowsOf(3, 2, 1) },
    );
    expect(unordered.differences).toMatchObject([{ kind: 'order', row: 0, orderSpecified: false }]);
    expect(unordered.differences[0]?.note).toMatch(/no ORDER BY, so neither order is promised/);
    const ordered = pair(
      "select n from t order by n -- 'order by' in a comment does not count",
      { columns: intPg, rows: rowsOf(1, 2, 3) },
      { columns: intLite, rows: rowsOf(1, 3, 2) },
    );
    expect(ordered.differences).toMatchObject([{ kind: 'order', row: 1, orderSpecified: true }]);
    const subquery = pair(
      'select n from (select n from t order by n) s',
      { columns: intPg, rows: rowsOf(1, 2) },
      { columns: intLite, rows: rowsOf(2, 1) },
    );
    expect(subquery.differences[0]?.orderSpecified).toBe(false);
  });

  it('tells NULL placement apart from other order differences', () => {
    const row = pair(
      'select n from t order by n',
      { columns: intPg, rows: rowsOf(1, 2, null) },
      { columns: intLite, rows: rowsOf(null, 1, 2) },
    );
    expect(row.differences).toEqual([
      {
        kind: 'null-order',
        column: 0,
        note: 'Same rows, but NULLs in column 1 come last on PostgreSQL and first on SQLite.',
      },
    ]);
  });

  it('reports type-only differences once per column, with a count', () => {
    const row = pair(
      'select amount, paid from t',
      {
        columns: [col('amount', 'numeric', 'number'), col('paid', 'boolean', 'boolean')],
        rows: [
          ['1.50', true],
          ['2.00', false],
        ],
      },
      {
        columns: [col('amount', 'REAL', 'number'), col('paid', 'INTEGER', 'number')],
        rows: [
          [1.5, 1],
          [2, 0],
        ],
      },
    );
    expect(row.differences.map((d) => [d.kind, d.column, d.row, d.cells, d.values])).toEqual([
      ['type', 0, 0, 2, { postgres: '1.50', sqlite: 1.5 }],
      ['type', 1, 0, 2, { postgres: true, sqlite: 1 }],
    ]);
  });

  it('reports a different number of rows and does not compare cells then', () => {
    const row = pair(
      'select n from t',
      { columns: intPg, rows: rowsOf(1) },
      { columns: intLite, rows: rowsOf(1, 2) },
    );
    expect(row.differences).toMatchObject([
      { kind: 'row-count', counts: { postgres: 1, sqlite: 2 } },
    ]);
  });

  it('reports columns that differ in number or in name', () => {
    const count = pair(
      'select *',
      { columns: intPg, rows: rowsOf(1) },
      { columns: [...intLite, col('m', 'INTEGER', 'number')], rows: [[1, 2]] },
    );
    expect(count.differences).toMatchObject([
      { kind: 'columns', counts: { postgres: 1, sqlite: 2 } },
    ]);
    const named = pair(
      'select count(*)',
      { columns: [col('count', 'bigint', 'number')], rows: [[3]] },
      { columns: [col('count(*)', 'INTEGER', 'number')], rows: [[3]] },
    );
    expect(named.differences).toEqual([
      {
        kind: 'columns',
        column: 0,
        names: { postgres: 'count', sqlite: 'count(*)' },
        note: 'Column 1 is named "count" on PostgreSQL and "count(*)" on SQLite.',
      },
    ]);
  });

  it('ignores column descriptions without rows (SQLite describes some ALTER TABLEs)', () => {
    const row = pair(
      'alter table t add check (n > 0)',
      {},
      { columns: [col("sqlite_fail('x', 19)", '', 'null')] },
    );
    expect(row.differences).toEqual([]);
  });

  it('reports rows affected when both engines count them', () => {
    const row = pair(
      "update t set n = 1 where s like 'a%'",
      { rowsAffected: 1 },
      { rowsAffected: 2 },
    );
    expect(row.differences).toMatchObject([
      { kind: 'rows-affected', counts: { postgres: 1, sqlite: 2 } },
    ]);
    expect(
      pair('create table t (n int)', { rowsAffected: 0 }, { rowsAffected: null }).differences,
    ).toEqual([]);
  });

  it('lists at most MAX_CELL_DIFFERENCES value differences and counts the rest', () => {
    const n = MAX_CELL_DIFFERENCES + 5;
    const row = pair(
      'select n from t',
      { columns: intPg, rows: Array.from({ length: n }, (_, i) => [i]) },
      { columns: intLite, rows: Array.from({ length: n }, (_, i) => [i + 0.5]) },
    );
    expect(row.differences).toHaveLength(MAX_CELL_DIFFERENCES);
    expect(row.omitted).toBe(5);
  });
});

describe('value normalisation', () => {
  it('treats numbers, numeric text and booleans by value', () => {
    expect(relateCells('1.50', 'number', 1.5, 'number')).toBe('type');
    expect(relateCells('3.5000000000000000', 'number', 3.5, 'number')).toBe('type');
    expect(relateCells(true, 'boolean', 1, 'number')).toBe('type');
    expect(relateCells(false, 'boolean', 'f', 'text')).toBe('different');
    expect(relateCells('2', 'text', 2, 'number')).toBe('type');
    expect(relateCells('007', 'text', 7, 'number')).toBe('different');
    expect(relateCells(null, 'null', 0, 'number')).toBe('different');
    expect(relateCells(0.1 + 0.2, 'number', '0.3', 'number')).toBe('different');
  });

  it('compares timestamps in one format and keeps non-UTC offsets', () => {
    expect(relateCells('2024-05-01 10:00:00', 'datetime', '2024-05-01 10:00', 'text')).toBe('type');
    expect(
      relateCells('2024-05-01 10:00:00.120+00', 'datetime', '2024-05-01T10:00:00.12Z', 'text'),
    ).toBe('type');
    expect(relateCells('2024-05-01 10:00:00+02', 'datetime', '2024-05-01 10:00:00', 'text')).toBe(
      'different',
    );
    expect(canonical('2024-05-01 10:00:00.000', 'datetime')).toBe('t:2024-05-01 10:00:00');
  });

  it('compares JSON by content and bytes by value', () => {
    expect(relateCells('{"b": 2, "a": [1]}', 'json', '{"a":[1],"b":2}', 'text')).toBe('type');
    expect(relateCells('{"a": 1}', 'json', '{"a":2}', 'text')).toBe('different');
    expect(relateCells(new Uint8Array([1, 2]), 'binary', new Uint8Array([1, 2]), 'binary')).toBe(
      'same',
    );
    expect(relateCells(new Uint8Array([1, 2]), 'binary', new Uint8Array([1, 3]), 'binary')).toBe(
      'different',
    );
  });
});
