import { describe, expect, it } from 'vitest';
import {
  classifySqliteDetail,
  planFromSqliteRows,
  type EqpRow,
} from '../../../src/engine/plan/sqlite';
import { parseSqliteEqpText } from '../../../src/engine/plan/sqlite-text';
import { unframe } from '../../../src/engine/plan/framing';
import { fixture, mustParse, node } from './helpers';
import { outline } from './outline';

describe('classifySqliteDetail', () => {
  const cases: [string, string, object][] = [
    ['SCAN t', 'SCAN', { table: 't', access: 'table' }],
    ['SCAN t USING INDEX t_b', 'SCAN', { table: 't', access: 'index', index: 't_b' }],
    [
      'SCAN t USING COVERING INDEX t_a',
      'SCAN',
      { table: 't', access: 'covering-index', index: 't_a' },
    ],
    [
      'SEARCH t USING INDEX t_a (a=? AND b>?)',
      'SEARCH',
      {
        table: 't',
        access: 'index',
        index: 't_a',
        constraint: '(a=? AND b>?)',
        columns: ['a', 'b'],
      },
    ],
    [
      'SEARCH t USING INTEGER PRIMARY KEY (rowid=?)',
      'SEARCH',
      { table: 't', access: 'primary-key', constraint: '(rowid=?)', columns: ['rowid'] },
    ],
    [
      'SEARCH u USING AUTOMATIC COVERING INDEX (t_id=?) LEFT-JOIN',
      'SEARCH',
      { table: 'u', access: 'automatic-index', constraint: '(t_id=?)', columns: ['t_id'] },
    ],
    [
      'SEARCH u EXISTS USING AUTOMATIC PARTIAL COVERING INDEX (t_id=?)',
      'SEARCH',
      { table: 'u', access: 'automatic-partial-index', constraint: '(t_id=?)', columns: ['t_id'] },
    ],
    [
      'AUTOMATIC PARTIAL COVERING INDEX ON u(t_id, x)',
      'AUTOMATIC INDEX',
      { table: 'u', access: 'automatic-partial-index', columns: ['t_id', 'x'] },
    ],
    [
      'SCAN TABLE orders AS o USING INDEX o_c',
      'SCAN',
      { table: 'o', access: 'index', index: 'o_c' },
    ],
    ['USE TEMP B-TREE FOR ORDER BY', 'USE TEMP B-TREE', { tempBtreeFor: 'ORDER BY' }],
    ['USE TEMP B-TREE FOR GROUP BY', 'USE TEMP B-TREE', { tempBtreeFor: 'GROUP BY' }],
    ['USE TEMP B-TREE FOR DISTINCT', 'USE TEMP B-TREE', { tempBtreeFor: 'DISTINCT' }],
    [
      'CORRELATED SCALAR SUBQUERY 3',
      'CORRELATED SCALAR SUBQUERY',
      { correlated: true, subquery: 3 },
    ],
    ['SCALAR SUBQUERY 1', 'SCALAR SUBQUERY', { correlated: false, subquery: 1 }],
    ['LIST SUBQUERY 2', 'LIST SUBQUERY', { correlated: false, subquery: 2 }],
    ['MATERIALIZE m', 'MATERIALIZE', { table: 'm' }],
    ['CO-ROUTINE s', 'CO-ROUTINE', { table: 's' }],
    ['COMPOUND QUERY', 'COMPOUND QUERY', {}],
    ['MERGE (UNION ALL)', 'COMPOUND QUERY', {}],
    ['MULTI-INDEX OR', 'MULTI-INDEX OR', {}],
    [
      'BLOOM FILTER ON u (t_id=?)',
      'BLOOM FILTER',
      { table: 'u', constraint: '(t_id=?)', columns: ['t_id'] },
    ],
    ['INDEX 2', 'INDEX', {}],
    ['SCAN CONSTANT ROW', 'SCAN CONSTANT ROW', {}],
  ];
  for (const [detail, nodeType, sqlite] of cases) {
    it(detail, () => expect(classifySqliteDetail(detail)).toEqual({ nodeType, sqlite }));
  }
});

describe('EXPLAIN QUERY PLAN rows', () => {
  it('builds the tree through the parent column', () => {
    const rows: EqpRow[] = [
      [2, 0, 216, 'SCAN t'],
      [9, 0, 0, 'CORRELATED SCALAR SUBQUERY 1'],
      [14, 9, 216, 'SCAN u'],
      [20, 0, 0, 'USE TEMP B-TREE FOR ORDER BY'],
    ];
    const result = planFromSqliteRows(rows, { measuredTime: 3.25 });
    if (!result.ok) throw new Error(result.error.message);
    const { plan } = result;
    expect(outline(plan)).toEqual([
      'QUERY PLAN',
      '  SCAN t',
      '  CORRELATED SCALAR SUBQUERY 1',
      '    SCAN u',
      '  USE TEMP B-TREE FOR ORDER BY',
    ]);
    expect(plan).toMatchObject({
      engine: 'sqlite',
      format: 'sqlite-eqp',
      measuredTime: 3.25,
      analyzed: false,
      timed: false,
    });
    expect(node(plan, 1)).toMatchObject({ nodeType: 'SCAN', relation: 't' });
    expect(plan.raw).toBe(
      '2|0|216|SCAN t\n9|0|0|CORRELATED SCALAR SUBQUERY 1\n14|9|216|SCAN u\n20|0|0|USE TEMP B-TREE FOR ORDER BY',
    );
  });
  it('keeps rows whose parent is missing, and survives a row that is its own parent', () => {
    const result = planFromSqliteRows([
      [3, 99, 0, 'SCAN t'],
      [4, 4, 0, 'SCAN u'],
    ]);
    expect(result.ok && outline(result.plan)).toEqual(['QUERY PLAN', '  SCAN t', '  SCAN u']);
  });
  it('says when there are no rows', () => {
    expect(planFromSqliteRows([])).toEqual({
      ok: false,
      error: { message: 'EXPLAIN QUERY PLAN returned no rows, so there is no plan to show.' },
    });
  });
});

describe('sqlite3 shell output', () => {
  it('reads the tree drawing, nested under last children too', () => {
    const plan = mustParse(fixture('sqlite/21-cli-compound-old.txt'));
    expect(outline(plan)).toEqual([
      'QUERY PLAN',
      '  COMPOUND QUERY',
      '    LEFT-MOST SUBQUERY',
      '      SCAN TABLE t USING COVERING INDEX t_a',
      '    UNION USING TEMP B-TREE',
      '      SCAN TABLE u',
    ]);
    expect(node(plan, 3).sqlite).toEqual({ table: 't', access: 'covering-index', index: 't_a' });
  });
  it('reads raw id|parent|notused|detail rows', () => {
    const plan = mustParse(fixture('sqlite/22-cli-raw-rows.txt'));
    expect(node(plan, 3).sqlite).toMatchObject({
      table: 'c',
      access: 'automatic-index',
      columns: ['email'],
    });
  });
  it('points at a line that is not part of the drawing', () => {
    const text = 'QUERY PLAN\n|--SCAN t\n|  `--SCAN u\n`--SCAN v\n      `--SCAN w';
    expect(parseSqliteEqpText(unframe(text), text)).toEqual({
      ok: false,
      error: { message: 'Line 5 is indented deeper than the line above it allows.', line: 5 },
    });
    const bad = 'QUERY PLAN\n|--SCAN t\nnot a plan';
    expect(parseSqliteEqpText(unframe(bad), bad)).toEqual({
      ok: false,
      error: {
        message:
          'Line 3 could not be read: "not a plan". Expected a plan line such as "|--SCAN t".',
        line: 3,
      },
    });
  });
});
