// End to end on a real PGlite: EXPLAIN output is read in both formats, and the SQL the
// annotations suggest is run to check that it is valid and that it fixes the plan.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import { newPGlite } from '../helpers/pg';
import { annotatePlan, type Annotation } from '../../../src/engine/plan/annotate';
import { comparePlans } from '../../../src/engine/plan/compare';
import { EXPLAIN_SQL } from '../../../src/engine/plan/explain-sql';
import type { Plan } from '../../../src/engine/plan/model';
import { parsePlan } from '../../../src/engine/plan/parse';
import { parsePostgresJson } from '../../../src/engine/plan/postgres-json';
import { outline } from './outline';

let db: PGlite;

beforeAll(async () => {
  db = await newPGlite();
  await db.exec(`
    CREATE TABLE orders (id int PRIMARY KEY, customer_id int, email text, a int, b int, status text);
    INSERT INTO orders SELECT g, g % 5000, 'User' || g || '@example.com', g % 100, g % 100,
      (ARRAY['new','paid'])[1 + g % 2] FROM generate_series(1, 50000) g;
    ANALYZE orders;
  `);
});
afterAll(async () => {
  await db.close();
});

async function explainJson(sql: string): Promise<Plan> {
  const result = await db.query<{ 'QUERY PLAN': unknown }>(EXPLAIN_SQL.postgresAnalyze(sql));
  const parsed = parsePostgresJson(result.rows[0]?.['QUERY PLAN']);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.plan;
}

async function explainText(sql: string): Promise<Plan> {
  const result = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`);
  const parsed = parsePlan(result.rows.map((r) => r['QUERY PLAN']).join('\n'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.plan;
}

function only(annotations: Annotation[], rule: string): Annotation {
  const found = annotations.filter((a) => a.rule === rule);
  expect(found).toHaveLength(1);
  const [a] = found;
  if (!a?.suggestedSql) throw new Error(`${rule} suggested no SQL`);
  return a;
}

describe('real PGlite plans', () => {
  it('reads JSON (as PGlite returns it, and as text) and TEXT into the same tree', async () => {
    const sql = `SELECT o.id FROM orders o JOIN orders p ON p.id = o.customer_id WHERE o.status = 'paid'`;
    const json = await explainJson(sql);
    const text = await explainText(sql);
    const result = await db.query<{ 'QUERY PLAN': unknown }>(EXPLAIN_SQL.postgresAnalyze(sql));
    const fromString = parsePlan(JSON.stringify(result.rows[0]?.['QUERY PLAN'], null, 2));
    expect(outline(text)).toEqual(outline(json));
    expect(fromString.ok && outline(fromString.plan)).toEqual(outline(json));
    expect(json.analyzed && json.timed && json.hasBuffers).toBe(true);
    expect(text.executionTime).toBeGreaterThan(0);
  });

  it('suggests an index that turns the Seq Scan into an index scan, and undoes it', async () => {
    const sql = 'SELECT * FROM orders WHERE customer_id = 42';
    const before = await explainJson(sql);
    const a = only(annotatePlan(before), 'pg-seq-scan-filter');
    expect(a.suggestedSql).toBe('CREATE INDEX idx_orders_customer_id ON orders (customer_id);');
    await db.exec(a.suggestedSql ?? '');
    const after = await explainJson(sql);
    expect(after.root.nodeType).not.toBe('Seq Scan');
    expect(annotatePlan(after).filter((x) => x.rule === 'pg-seq-scan-filter')).toEqual([]);
    const diff = comparePlans(before, after);
    expect(diff.nodes.some((n) => n.changes.includes('type'))).toBe(true);
    await db.exec(a.undoSql ?? '');
    expect((await explainJson(sql)).root.nodeType).toBe('Seq Scan');
  });

  it('suggests extended statistics that fix a correlated-columns estimate', async () => {
    const sql = 'SELECT * FROM orders WHERE a = 1 AND b = 1';
    const before = await explainJson(sql);
    expect(before.root.estimatedRows).toBeLessThan(50);
    const a = only(annotatePlan(before), 'pg-misestimate');
    await db.exec(a.suggestedSql ?? '');
    const after = await explainJson(sql);
    expect(after.root.estimatedRows).toBeGreaterThan(250);
    expect(annotatePlan(after).filter((x) => x.rule === 'pg-misestimate')).toEqual([]);
    await db.exec(a.undoSql ?? '');
  });

  it('suggests an expression index the planner then uses', async () => {
    const sql = `SELECT * FROM orders WHERE lower(email) = 'user42@example.com'`;
    const a = only(annotatePlan(await explainJson(sql)), 'pg-wrapped-column');
    expect(a.suggestedSql).toBe('CREATE INDEX idx_orders_lower_email ON orders ((lower(email)));');
    await db.exec(a.suggestedSql ?? '');
    await db.exec('ANALYZE orders');
    const after = await explainJson(sql);
    expect(after.root.nodeType).not.toBe('Seq Scan');
    await db.exec(a.undoSql ?? '');
  });

  it('suggests a work_mem that keeps the sort in memory', async () => {
    await db.exec(`SET work_mem = '64kB'`);
    const sql = 'SELECT * FROM orders ORDER BY email';
    const before = await explainJson(sql);
    expect(before.root.sortSpace?.type).toBe('Disk');
    const a = only(annotatePlan(before), 'pg-work-mem');
    await db.exec(a.suggestedSql ?? '');
    const after = await explainJson(sql);
    expect(after.root.sortSpace?.type).toBe('Memory');
    await db.exec(a.undoSql ?? '');
    const reset = await db.query<{ work_mem: string }>('SHOW work_mem');
    expect(reset.rows[0]?.work_mem).toBe('4MB');
  });

  it('suggests a VACUUM that removes heap fetches', async () => {
    await db.exec(
      'CREATE TABLE io (id int PRIMARY KEY, v int); INSERT INTO io SELECT g, g FROM generate_series(1, 20000) g;',
    );
    await db.exec('VACUUM ANALYZE io');
    await db.exec('INSERT INTO io SELECT g, g FROM generate_series(20001, 30000) g');
    const sql = 'SELECT id FROM io WHERE id BETWEEN 15000 AND 25000';
    const before = await explainJson(sql);
    const a = only(annotatePlan(before), 'pg-heap-fetches');
    expect(a.suggestedSql).toBe('VACUUM io;');
    await db.exec(a.suggestedSql ?? '');
    const after = await explainJson(sql);
    expect(after.root.heapFetches).toBe(0);
  });
});
