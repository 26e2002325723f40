import { describe, expect, it } from 'vitest';
import { analyzeSql } from '../../../src/engine/plan/sqlite-sql';
import {
  resolveTable,
  sortColumns,
  sqlFacts,
  whereColumns,
} from '../../../src/engine/plan/sqlite-columns';
import { tokenize } from '../../../src/engine/plan/sqlite-tokens';
import { parseConditions, parseOperand, stripParens } from '../../../src/engine/plan/pg-expr';
import {
  createIndexSql,
  objectName,
  quoteIdent,
  tableRef,
} from '../../../src/engine/plan/sql-ident';

describe('SQLite SQL reading', () => {
  it('tokenizes quoted names, strings, parameters and comments', () => {
    expect(
      tokenize(`SELECT "a b", [c], \`d\` FROM t -- x\nWHERE e = 'it''s' AND f > :p /* y */`).map(
        (t) => `${t.kind}:${t.text}`,
      ),
    ).toEqual([
      'word:SELECT',
      'ident:a b',
      'op:,',
      'ident:c',
      'op:,',
      'ident:d',
      'word:FROM',
      'word:t',
      'word:WHERE',
      'word:e',
      'op:=',
      "string:'it''s'",
      'word:AND',
      'word:f',
      'op:>',
      'param::p',
    ]);
  });
  it('reads tables, aliases and simple WHERE comparisons', () => {
    const [scope] = analyzeSql(`SELECT * FROM orders AS o JOIN customers c ON c.id = o.customer_id
      WHERE o.status = 'paid' AND o.total BETWEEN 10 AND 20 AND c.deleted_at IS NULL AND 5 < o.n AND lower(c.email) = ?`);
    expect(scope?.tables).toEqual([
      { name: 'orders', alias: 'o' },
      { name: 'customers', alias: 'c' },
    ]);
    expect(scope?.where).toEqual([
      { qualifier: 'o', column: 'status', class: 'equality' },
      { qualifier: 'o', column: 'total', class: 'range' },
      { qualifier: 'c', column: 'deleted_at', class: 'null' },
      { qualifier: 'o', column: 'n', class: 'range' },
    ]);
    expect(scope?.unreadConditions).toBe(1);
  });
  it('reads sub-selects, compound parts and CTE names as scopes of their own', () => {
    const scopes = analyzeSql(`WITH recent(id) AS (SELECT id FROM t WHERE a > 5)
      SELECT x, (SELECT count(*) FROM u WHERE u.t_id = t.id) FROM t WHERE b = 1
      UNION SELECT y, 0 FROM v ORDER BY 1`);
    expect(scopes.map((s) => s.tables.map((t) => t.name))).toEqual([['t'], ['u'], ['t'], ['v']]);
    expect(scopes[1]?.where).toEqual([
      {
        qualifier: 'u',
        column: 't_id',
        class: 'equality',
        other: { qualifier: 't', column: 'id' },
      },
    ]);
    expect(scopes[2]?.ctes).toEqual(['recent']);
  });
  it('does not take the alias of a sub-select in FROM for a table', () => {
    const scopes = analyzeSql(
      'SELECT * FROM (SELECT a FROM t) AS s JOIN u ON u.a = s.a WHERE u.b = 1',
    );
    expect(scopes.map((s) => s.tables)).toEqual([
      [{ name: 't', alias: 't' }],
      [{ name: 'u', alias: 'u' }],
    ]);
    expect(scopes[1]?.where).toEqual([{ qualifier: 'u', column: 'b', class: 'equality' }]);
  });
  it('reads ORDER BY and GROUP BY columns, stopping at expressions', () => {
    const [scope] = analyzeSql(
      'SELECT * FROM t GROUP BY a, t.b ORDER BY a DESC, b COLLATE nocase ASC, length(c)',
    );
    expect(scope?.groupBy).toEqual([{ column: 'a' }, { qualifier: 't', column: 'b' }]);
    expect(scope?.orderBy).toEqual([
      { column: 'a', desc: true },
      { column: 'b', desc: false },
    ]);
  });
  it('reads UPDATE and DELETE targets', () => {
    expect(analyzeSql('UPDATE t SET a = 1 WHERE b = 2')[0]).toMatchObject({
      tables: [{ name: 't', alias: 't' }],
      where: [{ column: 'b', class: 'equality' }],
    });
    expect(analyzeSql('DELETE FROM t WHERE id IN (1, 2)')[0]?.where).toEqual([
      { column: 'id', class: 'equality' },
    ]);
  });
  it('gives up on OR at the top of WHERE instead of guessing', () => {
    const [scope] = analyzeSql('SELECT * FROM t WHERE a = 1 OR b = 2');
    expect(scope?.where).toEqual([]);
    expect(scope?.unreadConditions).toBe(1);
  });
  it('resolves aliases and places columns by table, saying when it had to guess', () => {
    const facts = sqlFacts({
      sql: 'SELECT * FROM t x JOIN u ON u.t_id = x.id WHERE x.a = 1 AND c = 2 ORDER BY x.b',
    });
    expect(resolveTable(facts, 'x')).toEqual({ table: 't', known: true });
    expect(resolveTable(facts, 'zz')).toEqual({ table: 'zz', known: false });
    expect(whereColumns(facts, 't')).toEqual({
      table: 't',
      equality: ['a', 'c'],
      range: [],
      unsure: true,
      filtered: false,
    });
    expect(sortColumns(facts, 't', 'ORDER BY')).toEqual({
      columns: [{ column: 'b', desc: false }],
      unsure: false,
    });
    const known = sqlFacts({
      sql: 'SELECT * FROM t x JOIN u ON u.t_id = x.id WHERE x.a = 1 AND c = 2',
      tableColumns: { u: ['c'] },
    });
    expect(whereColumns(known, 't')).toMatchObject({ equality: ['a'], unsure: false });
    expect(whereColumns(known, 'u')).toMatchObject({ equality: ['c'], unsure: false });
  });
});

describe('Postgres condition reading', () => {
  it('splits top-level ANDs and classifies comparisons', () => {
    const { conditions, hasOr } = parseConditions(
      "((status = 'paid'::text) AND (amount >= '10'::numeric) AND (deleted_at IS NULL) AND (name ~~ 'a%'::text))",
    );
    expect(hasOr).toBe(false);
    expect(conditions.map((c) => [c.class, c.operator])).toEqual([
      ['equality', '='],
      ['range', '>='],
      ['null', 'IS NULL'],
      ['other', '~~'],
    ]);
  });
  it('sees an OR at the top level', () => {
    expect(parseConditions('((a = 1) OR (b = 2))')).toEqual({ conditions: [], hasOr: true });
    expect(parseConditions('((a = 1) AND ((b = 2) OR (c = 3)))').conditions).toHaveLength(1);
  });
  it('tells columns, wrapped columns and values apart', () => {
    expect(parseOperand('o.customer_id')).toEqual({
      kind: 'column',
      ref: { qualifier: 'o', column: 'customer_id' },
    });
    expect(parseOperand('"Status"')).toEqual({ kind: 'column', ref: { column: 'Status' } });
    expect(parseOperand('lower((email)::text)')).toEqual({
      kind: 'expression',
      ref: { column: 'email' },
      text: 'lower((email)::text)',
      fn: 'lower',
    });
    expect(parseOperand('(created_at)::date')).toEqual({
      kind: 'expression',
      ref: { column: 'created_at' },
      text: '(created_at)::date',
      castType: 'date',
    });
    expect(parseOperand("date_trunc('day'::text, c.created_at)")).toMatchObject({
      kind: 'expression',
      fn: 'date_trunc',
      ref: { qualifier: 'c', column: 'created_at' },
    });
    expect(parseOperand('EXTRACT(year FROM created_at)')).toMatchObject({
      kind: 'expression',
      fn: 'extract',
    });
    for (const value of [
      "'x'::text",
      '42',
      '$1',
      '(InitPlan 2).col1',
      "ANY ('{1,2}'::integer[])",
      'NULL',
      'true',
    ]) {
      expect(parseOperand(value).kind).toBe('value');
    }
  });
  it('strips only parentheses that wrap everything', () => {
    expect(stripParens('((a = 1))')).toBe('a = 1');
    expect(stripParens('(a = 1) AND (b = 2)')).toBe('(a = 1) AND (b = 2)');
  });
});

describe('SQL writing', () => {
  it('quotes identifiers only when needed', () => {
    expect(quoteIdent('orders')).toBe('orders');
    expect(quoteIdent('Orders')).toBe('"Orders"');
    expect(quoteIdent('order')).toBe('"order"');
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(tableRef('orders', 'public')).toBe('orders');
    expect(tableRef('orders', 'Sales')).toBe('"Sales".orders');
  });
  it('names objects deterministically within 63 characters', () => {
    expect(objectName('idx', 'Order Items', ['Created At', 'id'])).toBe(
      'idx_order_items_created_at_id',
    );
    expect(objectName('idx', 't', ['c'.repeat(80)])).toHaveLength(63);
  });
  it('writes CREATE INDEX and its undo, schema-qualified outside public', () => {
    expect(
      createIndexSql({
        table: 'Tasks',
        schema: 'app',
        keys: [{ sql: '"Status"', name: 'Status' }],
      }),
    ).toEqual({
      name: 'idx_tasks_status',
      sql: 'CREATE INDEX idx_tasks_status ON app."Tasks" ("Status");',
      undoSql: 'DROP INDEX app.idx_tasks_status;',
    });
  });
});
