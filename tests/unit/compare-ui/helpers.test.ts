// The pure helpers behind the compare view: folding quiet statements, the summary counts,
// cell marks from differences, grouping differences, demo text and catalogue search.
import { describe, expect, it } from 'vitest';
import { alignResults, type AlignedRow } from '../../../src/compare/align';
import { CATALOGUE, catalogueEntry } from '../../../src/compare/catalogue';
import { explainDifferences } from '../../../src/compare/explain';
import { splitVariants } from '../../../src/compare/variants';
import { splitScript } from '../../../src/engine/split';
import type { Cell, ResultColumn, StatementResult } from '../../../src/engine/types';
import { groupDifferences, marksFor } from '../../../src/ui/compare/cell-marks';
import { searchCatalogue } from '../../../src/ui/compare/catalogue-search';
import {
  compareItems,
  rowAtOffset,
  summarize,
  verdict,
} from '../../../src/ui/compare/compare-items';
import { fromWire, toWire } from '../../../src/compare/worker/wire';
import { demoText, endsOpen } from '../../../src/ui/compare/demo-text';
import { freshOffset, statementResult } from '../helpers/results';

const res = statementResult;

const num: ResultColumn[] = [{ name: 'n', type: 'integer', kind: 'number' }];

/** Aligned rows from per-statement (pg, sqlite) overrides. */
function align(
  statements: [string, Partial<StatementResult>, Partial<StatementResult>][],
): AlignedRow[] {
  const pg: StatementResult[] = [];
  const lite: StatementResult[] = [];
  for (const [sql, a, b] of statements) {
    const from = freshOffset();
    const range = { from, to: from + sql.length };
    pg.push(res(sql, { ...a, range }));
    lite.push(res(sql, { ...b, range }));
  }
  return alignResults({ results: { postgres: pg, sqlite: lite } });
}

const rowsOf = (...values: Cell[]): Cell[][] => values.map((v) => [v]);

describe('compareItems', () => {
  const inserts = Array.from(
    { length: 6 },
    (_, i) => [`insert into t values (${i})`, { rowsAffected: 1 }, { rowsAffected: 1 }] as const,
  );
  const rows = align([
    ['create table t (n integer)', {}, {}],
    ...inserts.map(([s, a, b]): [string, Partial<StatementResult>, Partial<StatementResult>] => [
      s,
      a,
      b,
    ]),
    ['select n from t', { columns: num, rows: rowsOf(1, 2) }, { columns: num, rows: rowsOf(1, 3) }],
    ['select now()', {}, { status: 'error', error: { kind: 'sql', message: 'no such function' } }],
  ]);

  it('folds runs of quiet agreeing statements and keeps the rest as cards', () => {
    const items = compareItems(rows);
    expect(items.map((i) => i.kind)).toEqual(['group', 'row', 'row']);
    const group = items[0];
    expect(group?.kind === 'group' && group.summary).toBe(
      '7 statements: 6 × INSERT, 1 × CREATE TABLE',
    );
    expect(group?.kind === 'group' && group.ms).toEqual({ postgres: 7, sqlite: 7 });
  });

  it('keeps a chosen row as a card, and can list only the differences', () => {
    const kept = compareItems(rows, { keep: 2 });
    expect(kept.map((i) => (i.kind === 'row' ? i.row.index : 'g'))).toEqual([0, 1, 2, 'g', 7, 8]);
    const only = compareItems(rows, { onlyDifferences: true });
    expect(only.map((i) => (i.kind === 'row' ? i.row.index : 'g'))).toEqual([7, 8]);
  });

  it('counts verdicts and unexplained differences for the summary', () => {
    const s = summarize(rows, explainDifferences(rows), {});
    expect(s).toMatchObject({ total: 9, same: 7, differs: 2, bothFailed: 0 });
    expect(verdict(rows[8] as AlignedRow)).toBe('differs');
  });

  it('finds the row of a statement by where it starts', () => {
    const start = rows[7]?.sides.postgres.result?.range.from ?? -1;
    expect(rowAtOffset(rows, start)).toBe(7);
    expect(rowAtOffset(rows, start - 50)).toBe(7);
  });
});

describe('rows one engine ran alone', () => {
  it('fold into one line when the other engine stopped', () => {
    const pg: StatementResult[] = [];
    const lite: StatementResult[] = [];
    for (let i = 0; i < 8; i++) {
      const sql = `insert into t values (${i})`;
      const from = freshOffset();
      const range = { from, to: from + sql.length };
      if (i < 3) pg.push(res(sql, { range, rowsAffected: 1 }));
      lite.push(res(sql, { range, rowsAffected: 1 }));
    }
    const rows = alignResults({ results: { postgres: pg, sqlite: lite } });
    const items = compareItems(rows);
    expect(items.map((i) => i.kind)).toEqual(['row', 'row', 'row', 'missing']);
    const missing = items[3];
    expect(missing?.kind === 'missing' && missing.ran).toBe('sqlite');
    expect(missing?.kind === 'missing' && missing.rows).toHaveLength(5);
  });
});

describe('the compare worker boundary', () => {
  it('sends results by index and puts them back', () => {
    const rows = align([
      ['select n from t', { columns: num, rows: rowsOf(1) }, { columns: num, rows: rowsOf(2) }],
      ['select 2', {}, {}],
    ]);
    const results = {
      postgres: rows.map((r) => r.sides.postgres.result as StatementResult),
      sqlite: rows.map((r) => r.sides.sqlite.result as StatementResult),
    };
    const wire = toWire(rows, results);
    expect(JSON.stringify(wire)).not.toContain('select n from t');
    expect(wire[1]?.sides.sqlite.at).toBe(1);
    expect(fromWire(structuredClone(wire), results)).toEqual(rows);
  });
});

describe('marksFor', () => {
  it('marks differing cells, extra rows, type columns and NULL ordering per side', () => {
    const [values] = align([
      [
        'select n from t',
        { columns: num, rows: rowsOf(1, 2, 3) },
        { columns: num, rows: rowsOf(1, 5, 3) },
      ],
    ]);
    const m = marksFor(values?.differences ?? [], 'postgres');
    expect([...m.cells.keys()]).toEqual([1]);
    expect(m.cells.get(1)?.get(0)).toMatch(/Row 2, column 1/);

    const [count] = align([
      ['select n from t', { columns: num, rows: rowsOf(1) }, { columns: num, rows: rowsOf(1, 2) }],
    ]);
    expect(marksFor(count?.differences ?? [], 'sqlite').extraFrom).toBe(1);
    expect(marksFor(count?.differences ?? [], 'postgres').extraFrom).toBeUndefined();

    const [types] = align([
      [
        'select b from t',
        { columns: [{ name: 'b', type: 'boolean', kind: 'boolean' }], rows: rowsOf(true) },
        { columns: num, rows: rowsOf(1) },
      ],
    ]);
    expect([...marksFor(types?.differences ?? [], 'sqlite').typeColumns.keys()]).toEqual([0]);

    const [nulls] = align([
      [
        'select n from t order by n',
        { columns: num, rows: rowsOf(1, 2, null) },
        { columns: num, rows: rowsOf(null, 1, 2) },
      ],
    ]);
    expect(marksFor(nulls?.differences ?? [], 'sqlite').nullColumn).toBe(0);
  });

  it('groups many cell differences into one explained group', () => {
    const rows = align([
      [
        'select n from t',
        { columns: num, rows: rowsOf(1, 2, 3) },
        { columns: num, rows: rowsOf(4, 5, 6) },
      ],
    ]);
    const groups = groupDifferences(explainDifferences(rows));
    expect(groups).toHaveLength(1);
    expect(groups[0]?.differences).toHaveLength(3);
    expect(groups[0]?.label).toBe('Different values');
  });
});

describe('demoText', () => {
  const shared = catalogueEntry('varchar-length');
  const perEngine = shared && {
    ...shared,
    demo: { postgres: 'select now();', sqlite: "select datetime('now');" },
  };

  it('knows when a script ends inside a statement', () => {
    expect(endsOpen('select 1;')).toBe(false);
    expect(endsOpen('select 1; -- done\n')).toBe(false);
    expect(endsOpen('select 1')).toBe(true);
    expect(endsOpen("select ';'")).toBe(true);
    expect(endsOpen('')).toBe(false);
  });

  it('appends a shared demo as separate statements, even after an open statement', () => {
    if (!shared) throw new Error('varchar-length is missing');
    const script = 'select 1';
    const text = demoText(shared, script);
    expect(text.startsWith('\n;\n\n-- Demo from the differences catalogue:')).toBe(true);
    const statements = splitScript(script + text, 'postgres').map((s) => s.text);
    expect(statements[0]).toBe('select 1');
    expect(statements).toContain('create table cmp_varchar (code varchar(3))');
  });

  it('appends a per-engine demo as a variant block that splits cleanly', () => {
    if (!perEngine) throw new Error('varchar-length is missing');
    const script = 'select 1;\n';
    const split = splitVariants(script + demoText(perEngine, script));
    expect(split.ok).toBe(true);
    expect(split.ok && split.blocks).toHaveLength(1);
  });
});

describe('searchCatalogue', () => {
  it('groups every entry by topic without a query', () => {
    const groups = searchCatalogue(CATALOGUE, '');
    expect(groups.reduce((n, g) => n + g.entries.length, 0)).toBe(CATALOGUE.length);
    expect(groups[0]?.topic).toBe('types');
  });

  it('keeps entries that contain every word of the query', () => {
    const groups = searchCatalogue(CATALOGUE, 'NULL sort');
    const ids = groups.flatMap((g) => g.entries.map((e) => e.id));
    expect(ids).toContain('null-ordering');
    expect(searchCatalogue(CATALOGUE, 'zzzz-nothing')).toEqual([]);
  });
});
