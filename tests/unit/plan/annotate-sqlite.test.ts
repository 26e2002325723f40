import { describe, expect, it } from 'vitest';
import {
  annotatePlan,
  type Annotation,
  type AnnotateOptions,
} from '../../../src/engine/plan/annotate';
import { planFromSqliteRows, type EqpRow } from '../../../src/engine/plan/sqlite';

function run(details: (string | [string, number])[], options: AnnotateOptions = {}): Annotation[] {
  // Plain strings are top-level rows; [detail, parentIndex] nests under an earlier row.
  const rows: EqpRow[] = details.map((d, i) =>
    typeof d === 'string' ? [i + 1, 0, 0, d] : [i + 1, d[1] + 1, 0, d[0]],
  );
  const result = planFromSqliteRows(rows);
  if (!result.ok) throw new Error(result.error.message);
  return annotatePlan(result.plan, options);
}
const facts = (a: Annotation) => ({
  rule: a.rule,
  severity: a.severity,
  node: a.nodeId,
  sql: a.suggestedSql,
});

describe('sqlite-scan', () => {
  it('indexes the WHERE columns of a large scanned table', () => {
    const [a] = run(['SCAN t'], {
      sql: "SELECT * FROM t WHERE c = 3 AND b > 'x'",
      tableRows: { t: 20000 },
    });
    expect(a).toMatchObject({
      rule: 'sqlite-scan',
      severity: 'warning',
      nodeId: 1,
      title: 'Full scan of t',
      suggestedSql: 'CREATE INDEX idx_t_c_b ON t (c, b);',
      undoSql: 'DROP INDEX idx_t_c_b;',
    });
    expect(a?.explanation).toContain('all 20,000 rows');
  });
  it('is information without table sizes, resolving the alias the plan prints', () => {
    expect(run(['SCAN o'], { sql: 'SELECT * FROM t o WHERE o.c = 3' }).map(facts)).toEqual([
      { rule: 'sqlite-scan', severity: 'info', node: 1, sql: 'CREATE INDEX idx_t_c ON t (c);' },
    ]);
  });
  it('says when it had to guess which table a column belongs to', () => {
    const [a] = run(['SCAN t', 'SEARCH u USING INTEGER PRIMARY KEY (rowid=?)'], {
      sql: 'SELECT * FROM t JOIN u ON u.id = t.u_id WHERE c = 3',
    });
    expect(a?.suggestedSql).toBe('CREATE INDEX idx_t_c ON t (c);');
    expect(a?.explanation).toContain('check that they belong to this table');
  });
  it('stays quiet for small tables, whole-table reads, subqueries and plans without SQL or sizes', () => {
    expect(run(['SCAN t'], { sql: 'SELECT * FROM t WHERE c = 3', tableRows: { t: 500 } })).toEqual(
      [],
    );
    expect(run(['SCAN t'], { sql: 'SELECT * FROM t', tableRows: { t: 20000 } })).toEqual([]);
    expect(
      run(['CO-ROUTINE s', ['SCAN t USING COVERING INDEX t_a', 0], 'SCAN s'], {
        sql: 'SELECT * FROM (SELECT a FROM t) s WHERE a = 1',
      }).map((a) => a.rule),
    ).toEqual([]);
    expect(run(['SCAN t'])).toEqual([]);
    expect(
      run(['SCAN t USING COVERING INDEX t_a'], {
        sql: 'SELECT a FROM t WHERE a > 0 OR a < 0',
        tableRows: { t: 20000 },
      }),
    ).toEqual([]);
  });
  it('without the SQL, still warns about a large table read in full', () => {
    const [a] = run(['SCAN t'], { tableRows: { T: 50000 } });
    expect(a).toMatchObject({ severity: 'warning', title: 'Full scan of t' });
    expect(a?.suggestedSql).toBeUndefined();
  });
});

describe('sqlite-temp-btree', () => {
  it('indexes WHERE equality columns then the ORDER BY columns', () => {
    const found = run(['SCAN t', 'USE TEMP B-TREE FOR ORDER BY'], {
      sql: 'SELECT * FROM t WHERE c = 1 ORDER BY b DESC, a',
      tableRows: { t: 20000 },
    }).filter((a) => a.rule === 'sqlite-temp-btree');
    expect(found.map(facts)).toEqual([
      {
        rule: 'sqlite-temp-btree',
        severity: 'warning',
        node: 2,
        sql: 'CREATE INDEX idx_t_c_b_a ON t (c, b DESC, a);',
      },
    ]);
  });
  it('indexes GROUP BY columns', () => {
    expect(
      run(['SCAN t', 'USE TEMP B-TREE FOR GROUP BY'], {
        sql: 'SELECT c, count(*) FROM t GROUP BY c',
      }).map(facts),
    ).toEqual([
      {
        rule: 'sqlite-temp-btree',
        severity: 'info',
        node: 2,
        sql: 'CREATE INDEX idx_t_c ON t (c);',
      },
    ]);
  });
  it('stays quiet when the sort is not an ORDER BY/GROUP BY of one table', () => {
    expect(
      run(['SCAN t', 'SEARCH u USING INDEX u_t (t_id=?)', 'USE TEMP B-TREE FOR ORDER BY'], {
        sql: 'SELECT * FROM t JOIN u ON u.t_id = t.id ORDER BY u.x, t.y',
      }),
    ).toEqual([]);
    expect(
      run(['SCAN t', 'USE TEMP B-TREE FOR DISTINCT'], { sql: 'SELECT DISTINCT b FROM t' }),
    ).toEqual([]);
  });
});

describe('sqlite-automatic-index', () => {
  it('makes the automatic index permanent, on the real table behind an alias', () => {
    expect(
      run(['SCAN o', 'SEARCH c USING AUTOMATIC COVERING INDEX (email=? AND kind=?)'], {
        sql: 'SELECT * FROM orders o JOIN customers c ON c.email = o.email AND c.kind = 1',
      }).map(facts),
    ).toEqual([
      {
        rule: 'sqlite-automatic-index',
        severity: 'warning',
        node: 2,
        sql: 'CREATE INDEX idx_customers_email_kind ON customers (email, kind);',
      },
    ]);
    const [partial] = run(['AUTOMATIC PARTIAL COVERING INDEX ON u(t_id)']);
    expect(partial).toMatchObject({ suggestedSql: 'CREATE INDEX idx_u_t_id ON u (t_id);' });
    expect(partial?.explanation).toContain('if that is an alias');
  });
  it('stays quiet for automatic indexes on CTEs and subqueries', () => {
    expect(
      run([
        'MATERIALIZE m',
        ['SCAN t', 0],
        'SCAN u',
        'SEARCH m USING AUTOMATIC COVERING INDEX (id=?)',
      ]),
    ).toEqual([]);
    expect(
      run(['SCAN u', 'SEARCH w USING AUTOMATIC COVERING INDEX (id=?)'], {
        sql: 'WITH w AS (SELECT id FROM t) SELECT * FROM u JOIN w ON w.id = u.t_id',
      }),
    ).toEqual([]);
  });
});

describe('sqlite-correlated-subquery', () => {
  it('warns about a subquery that scans a table per outer row and indexes its correlation', () => {
    const [a] = run(['SCAN t', 'CORRELATED SCALAR SUBQUERY 1', ['SCAN u', 1]], {
      sql: 'SELECT t.id, (SELECT count(*) FROM u WHERE u.t_id = t.id) FROM t',
    });
    expect(a).toMatchObject({
      rule: 'sqlite-correlated-subquery',
      severity: 'warning',
      nodeId: 2,
      suggestedSql: 'CREATE INDEX idx_u_t_id ON u (t_id);',
    });
    expect(a?.explanation).toContain('JOIN');
  });
  it('is information when each run already searches an index, and silent for uncorrelated subqueries', () => {
    expect(
      run(['SCAN t', 'CORRELATED SCALAR SUBQUERY 1', ['SEARCH u USING INDEX u_t (t_id=?)', 1]]).map(
        facts,
      ),
    ).toEqual([{ rule: 'sqlite-correlated-subquery', severity: 'info', node: 2, sql: undefined }]);
    expect(run(['SCAN t', 'SCALAR SUBQUERY 1', ['SEARCH u', 1]])).toEqual([]);
  });
});
