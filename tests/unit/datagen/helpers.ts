// Shared steps of the generator tests: plan against the live schema and run the plan on a
// real engine, then read results back with independent SQL.
import { expect } from 'vitest';
import { introspect } from '../../../src/engine/introspect';
import {
  describePlan,
  executePlan,
  isPlanError,
  planGeneration,
  type ExecuteResult,
  type GenerationPlan,
} from '../../../src/engine/datagen';
import type { Engine } from '../../../src/engine/types';
import type { SchemaModel } from '../../../src/schema/model';

type TestEngine = Pick<Engine, 'id' | 'run' | 'query'>;

/** Quotes like the generator does, for the test's own queries. */
export const q = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** A single number from a query (counts, max lengths…). */
export async function one(engine: TestEngine, sql: string): Promise<number> {
  const r = await engine.query(sql);
  return Number(r.rows[0]?.[0]);
}

/** Rows per table right now, counted exactly (what the UI passes as `existingRows`). */
export async function countAll(
  engine: TestEngine,
  model: SchemaModel,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const r of model.relations.filter((x) => x.kind === 'table')) {
    counts[r.key] = await one(engine, `SELECT count(*) FROM ${q(r.schema)}.${q(r.name)}`);
  }
  return counts;
}

/** Runs a script and fails the test on the first statement error. */
export async function exec(engine: TestEngine, script: string): Promise<void> {
  const result = await engine.run({ script, stopOnError: true });
  const failed = result.results.find((r) => r.status === 'error');
  expect(failed?.error?.message ?? null, failed?.sql).toBeNull();
}

export interface Generated {
  plan: GenerationPlan;
  result: ExecuteResult;
  lines: string[];
}

/** Introspects, plans `rows` rows for `table` and runs the plan; the run must succeed. */
export async function generate(
  engine: TestEngine,
  table: string,
  rows: number,
  skew = false,
): Promise<Generated> {
  const model = await introspect(engine);
  const plan = planGeneration(model, table, rows, {
    skew,
    engine: engine.id,
    existingRows: await countAll(engine, model),
  });
  if (isPlanError(plan)) throw new Error(plan.error);
  const result = await executePlan(plan, engine);
  expect(result.error ?? null).toBeNull();
  expect(result.status).toBe('done');
  return { plan, result, lines: describePlan(plan) };
}

/** Plans without running; returns the error text (or null when a plan came back). */
export async function planError(
  engine: TestEngine,
  table: string,
  rows: number,
): Promise<string | null> {
  const model = await introspect(engine);
  const plan = planGeneration(model, table, rows, {
    skew: false,
    engine: engine.id,
    existingRows: await countAll(engine, model),
  });
  return isPlanError(plan) ? plan.error : null;
}

/** Share of rows taken by the most common value of `column` (NULLs left out). */
export async function topShare(engine: TestEngine, table: string, column: string): Promise<number> {
  const c = q(column);
  return one(
    engine,
    `SELECT CAST(max(k) AS REAL) / sum(k) FROM (SELECT count(*) AS k FROM ${table} WHERE ${c} IS NOT NULL GROUP BY ${c}) AS s`,
  );
}
