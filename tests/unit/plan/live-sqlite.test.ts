// End to end on a real sql.js: EXPLAIN QUERY PLAN rows are read, and the SQL the
// annotations suggest is run to check that SQLite then searches instead of scanning.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from 'sql.js';
import { newSqlite } from '../helpers/sqlite';
import { annotatePlan, type AnnotateOptions } from '../../../src/engine/plan/annotate';
import { EXPLAIN_SQL } from '../../../src/engine/plan/explain-sql';
import type { Plan } from '../../../src/engine/plan/model';
import { planFromSqliteRows, type EqpRow } from '../../../src/engine/plan/sqlite';
import { flattenPlan } from '../../../src/engine/plan/slowest-path';

let db: Database;
const tableRows = { t: 20000, u: 20000 };

beforeAll(async () => {
  db = await newSqlite();
  db.exec(`
    CREATE TABLE t (id INTEGER PRIMARY KEY, a INT, b TEXT, c INT);
    CREATE TABLE u (id INTEGER PRIMARY KEY, t_id INT, x TEXT);
    WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < 20000)
      INSERT INTO t SELECT i, i % 100, 'x' || i, i % 7 FROM g;
    INSERT INTO u SELECT id, id % 500, 'y' FROM t;
  `);
});
afterAll(() => db.close());

function explain(sql: string): Plan {
  const rows = (db.exec(EXPLAIN_SQL.sqlite(sql))[0]?.values ?? []) as unknown as EqpRow[];
  const result = planFromSqliteRows(rows);
  if (!result.ok) throw new Error(result.error.message);
  return result.plan;
}

const details = (plan: Plan) =>
  flattenPlan(plan.root)
    .slice(1)
    .map((f) => f.node.label);

function fixes(sql: string, rule: string, options: AnnotateOptions = {}): string[] {
  const [a] = annotatePlan(explain(sql), { sql, tableRows, ...options }).filter(
    (x) => x.rule === rule,
  );
  if (!a?.suggestedSql) throw new Error(`${rule} suggested nothing`);
  db.exec(a.suggestedSql);
  const after = details(explain(sql));
  db.exec(a.undoSql ?? '');
  return after;
}

describe('real sql.js plans', () => {
  it('turns a SCAN into a SEARCH with the suggested index', () => {
    const sql = 'SELECT * FROM t o WHERE o.c = 3 AND o.a > 5';
    expect(details(explain(sql))).toEqual(['SCAN o']);
    expect(fixes(sql, 'sqlite-scan')).toEqual(['SEARCH o USING INDEX idx_t_c_a (c=? AND a>?)']);
    expect(details(explain(sql))).toEqual(['SCAN o']);
  });
  it('removes the temp b-tree of an ORDER BY', () => {
    const sql = 'SELECT * FROM t WHERE c = 1 ORDER BY b DESC';
    expect(details(explain(sql))).toContain('USE TEMP B-TREE FOR ORDER BY');
    expect(fixes(sql, 'sqlite-temp-btree')).toEqual(['SEARCH t USING INDEX idx_t_c_b (c=?)']);
  });
  it('makes an automatic index permanent', () => {
    const sql = 'SELECT * FROM t JOIN u ON u.t_id = t.c';
    expect(details(explain(sql))).toContain('SEARCH u USING AUTOMATIC COVERING INDEX (t_id=?)');
    expect(fixes(sql, 'sqlite-automatic-index')).toContain(
      'SEARCH u USING INDEX idx_u_t_id (t_id=?)',
    );
  });
  it('speeds up a correlated subquery with an index on its correlation', () => {
    const sql = 'SELECT t.id, (SELECT count(*) FROM u WHERE u.t_id = t.id) FROM t';
    expect(details(explain(sql))).toEqual(['SCAN t', 'CORRELATED SCALAR SUBQUERY 1', 'SCAN u']);
    expect(fixes(sql, 'sqlite-correlated-subquery')).toEqual([
      'SCAN t',
      'CORRELATED SCALAR SUBQUERY 1',
      'SEARCH u USING COVERING INDEX idx_u_t_id (t_id=?)',
    ]);
  });
});
