// Planning without running: row counts, batching, reuse, descriptions and errors, on models
// introspected from a real SQLite database (fast to build, same model as the app uses).
import { beforeAll, describe, expect, it } from 'vitest';
import {
  describePlan,
  isPlanError,
  planGeneration,
  type GenerationPlan,
} from '../../../src/engine/datagen';
import { introspect } from '../../../src/engine/introspect';
import type { SchemaModel } from '../../../src/schema/model';
import { startSqlite } from '../helpers/engines';

const SHOP = `
CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INT NOT NULL REFERENCES customers,
                     note TEXT);
CREATE TABLE "odd ""name""" ("select" TEXT NOT NULL, "From" INT);
CREATE VIEW v AS SELECT * FROM customers;`;

/** Introspects a fresh SQLite database holding `script`. */
async function modelOf(script: string): Promise<SchemaModel> {
  const db = await startSqlite();
  const result = await db.run({ script, stopOnError: true });
  expect(result.results.filter((r) => r.status === 'error')).toEqual([]);
  const model = await introspect(db);
  await db.close();
  return model;
}

function plan(
  model: SchemaModel,
  table: string,
  rows: number,
  existingRows: Record<string, number> = {},
  batchSize?: number,
): GenerationPlan {
  const p = planGeneration(model, table, rows, {
    skew: false,
    engine: 'sqlite',
    existingRows,
    ...(batchSize ? { batchSize } : {}),
  });
  if (isPlanError(p)) throw new Error(p.error);
  return p;
}

function error(model: SchemaModel, table: string, rows: number): string | null {
  const p = planGeneration(model, table, rows, { skew: false, engine: 'sqlite', existingRows: {} });
  return isPlanError(p) ? p.error : null;
}

describe('planGeneration', () => {
  let shop: SchemaModel;
  beforeAll(async () => {
    shop = await modelOf(SHOP);
  });

  it('sizes parents at a tenth of the children, within 10 and 100,000', () => {
    expect(plan(shop, 'main.orders', 100).steps.map((s) => [s.table, s.rows])).toEqual([
      ['main.customers', 10],
      ['main.orders', 100],
    ]);
    expect(plan(shop, 'main.orders', 5_000).steps[0]?.rows).toBe(500);
    expect(plan(shop, 'main.orders', 2_000_000).steps[0]?.rows).toBe(100_000);
  });

  it('splits a step into batches with exact row counts and continues after existing rows', () => {
    const p = plan(
      shop,
      'main.orders',
      250_000,
      { 'main.customers': 7, 'main.orders': 40 },
      100_000,
    );
    expect(p.steps).toHaveLength(1);
    const [step] = p.steps;
    expect(step?.batchRows).toEqual([100_000, 100_000, 50_000]);
    expect(step?.sql).toHaveLength(3);
    expect(step?.sql[0]).toContain('SELECT 41, random()');
    expect(step?.sql[2]).toContain('WHERE n < 250040)');
    expect(p.totalRows).toBe(250_000);
  });

  it('describes the plan in sentences', () => {
    expect(describePlan(plan(shop, 'main.orders', 1_000))).toEqual([
      'Will add 100 rows to customers first, because orders references it.',
      'Will add 1,000 rows to orders.',
      '1,100 rows in all.',
      'Then ANALYZE so the query planner sees the new rows.',
    ]);
    expect(describePlan(plan(shop, 'main.orders', 1_000, { 'main.customers': 5 }))).toEqual([
      'Will use the 5 existing rows of customers for orders.',
      'Will add 1,000 rows to orders.',
      'Then ANALYZE so the query planner sees the new rows.',
    ]);
  });

  it('quotes hostile names in every statement', () => {
    const sql = plan(shop, 'main.odd "name"', 100).steps[0]?.sql[0] ?? '';
    expect(sql).toContain('INSERT INTO "main"."odd ""name""" ("select", "From")');
  });

  it('refuses what it cannot do, with a reason', () => {
    expect(error(shop, 'main.orders', 0)).toBe(
      'Row count must be a whole number from 1 to 10,000,000.',
    );
    expect(error(shop, 'main.v', 10)).toBe('v is a view; only tables can get rows.');
    const mismatch = planGeneration({ ...shop, engine: 'postgres' }, 'main.orders', 10, {
      skew: false,
      engine: 'sqlite',
      existingRows: {},
    });
    expect(mismatch).toEqual({ error: 'The schema is postgres, not sqlite.' });
  });

  it('checks that unique values fit the column before running', async () => {
    const model = await modelOf(
      `CREATE TABLE t (code VARCHAR(3) UNIQUE, n INT UNIQUE CHECK (n BETWEEN 1 AND 10));
       CREATE TABLE u (code VARCHAR(3) UNIQUE)`,
    );
    // A unique INT limited to 1..10 cannot take 100 distinct values; 10 is fine.
    expect(error(model, 'main.t', 100)).toBe(
      'Cannot generate t.n: its range cannot hold 100 unique values.',
    );
    expect(error(model, 'main.t', 10)).toBeNull();
    // Three characters hold the row numbers up to 999, not 5,000.
    expect(error(model, 'main.u', 999)).toBeNull();
    expect(error(model, 'main.u', 5_000)).toBe(
      'Cannot generate u.code: 3 characters cannot hold 5,000 unique values.',
    );
  });
});
