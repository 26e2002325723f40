// Benchmark for `npm run bench`: the generator against a hand-written INSERT … SELECT of the
// same rows into the same tables, in the same engine. Both sides fill the parents, the
// children and run ANALYZE, so the ratio is the price of the generator's genericity.
import type { SchemaModel } from '../../schema/model';
import type { QueryRows, RunRequest, RunResult } from '../types';
import { executePlan } from './execute';
import { isPlanError } from './types';
import { planGeneration } from './plan';

export interface BenchEngine {
  run(request: RunRequest): Promise<RunResult>;
  query(sql: string): Promise<QueryRows>;
}

export interface DatagenBenchResult {
  /** Median milliseconds: introspect, plan and run every generated statement. */
  generatorMs: number;
  /** Median milliseconds of the hand-written statements. */
  handWrittenMs: number;
  /** generatorMs / handWrittenMs. */
  ratio: number;
  /** Median milliseconds of introspection plus planning (included in generatorMs). */
  planMs: number;
  rows: number;
  parentRows: number;
  runs: number;
}

const PARENT = 'datagen_bench_customer';
const CHILD = 'datagen_bench_order';

const SCHEMA = `
DROP TABLE IF EXISTS ${CHILD};
DROP TABLE IF EXISTS ${PARENT};
CREATE TABLE ${PARENT} (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  city text NOT NULL
);
CREATE TABLE ${CHILD} (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES ${PARENT} (id),
  status text NOT NULL CHECK (status IN ('new', 'paid', 'shipped')),
  qty integer NOT NULL CHECK (qty > 0),
  amount numeric(10, 2) NOT NULL,
  created_at timestamptz NOT NULL
);`;

/** What a person would type: ids assumed to be 1..P, simple arithmetic on the series. */
function handWritten(rows: number, parents: number): string {
  return `
INSERT INTO ${PARENT} (name, city)
SELECT 'Customer ' || g, 'City ' || (g % 30) FROM generate_series(1, ${parents}) AS g;
INSERT INTO ${CHILD} (customer_id, status, qty, amount, created_at)
SELECT 1 + g % ${parents}, (ARRAY['new', 'paid', 'shipped'])[1 + g % 3], 1 + g % 20,
       (g % 100000) / 100.0, TIMESTAMPTZ '2020-01-01 00:00:00+00' + g * INTERVAL '1 second'
FROM generate_series(1, ${rows}) AS g;
ANALYZE ${PARENT};
ANALYZE ${CHILD};`;
}

async function runScript(engine: BenchEngine, script: string): Promise<void> {
  const result = await engine.run({ script, stopOnError: true });
  const failed = result.results.find((r) => r.status !== 'ok');
  if (failed) throw new Error(`${failed.firstLine}: ${failed.error?.message ?? failed.status}`);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

/**
 * Times the generator (1,000,000 child rows plus their parents by default) against the
 * hand-written equivalent on a Postgres engine; runs alternate so drift hits both sides.
 */
export async function benchDatagen(
  engine: BenchEngine,
  introspect: () => Promise<SchemaModel>,
  options: { rows?: number; runs?: number } = {},
): Promise<DatagenBenchResult> {
  const rows = options.rows ?? 1_000_000;
  const runs = Math.max(1, options.runs ?? 3);
  await runScript(engine, SCHEMA);
  const reset = `TRUNCATE ${CHILD}, ${PARENT} RESTART IDENTITY`;
  const generator: number[] = [];
  const planning: number[] = [];
  const hand: number[] = [];
  let parentRows = 0;
  const generate = async (count: number): Promise<{ ms: number; planMs: number }> => {
    await runScript(engine, reset);
    const started = performance.now();
    const plan = planGeneration(await introspect(), `public.${CHILD}`, count, {
      skew: false,
      engine: 'postgres',
      existingRows: {},
    });
    if (isPlanError(plan)) throw new Error(plan.error);
    const planMs = performance.now() - started;
    const result = await executePlan(plan, engine);
    if (result.status !== 'done') throw new Error(result.error ?? result.status);
    parentRows = plan.steps.find((s) => s.table === `public.${PARENT}`)?.rows ?? 0;
    return { ms: performance.now() - started, planMs };
  };
  const handWrite = async (count: number): Promise<number> => {
    await runScript(engine, reset);
    const started = performance.now();
    await runScript(engine, handWritten(count, parentRows));
    return performance.now() - started;
  };
  try {
    // One small untimed round first: the first statements of a fresh engine pay for catalog
    // caches and trigger setup, which would otherwise all land on whichever side runs first.
    await generate(Math.min(rows, 10_000));
    await handWrite(Math.min(rows, 10_000));
    for (let run = 0; run < runs; run++) {
      const g = await generate(rows);
      generator.push(g.ms);
      planning.push(g.planMs);
      hand.push(await handWrite(rows));
    }
  } finally {
    await runScript(engine, `DROP TABLE IF EXISTS ${CHILD}; DROP TABLE IF EXISTS ${PARENT};`);
  }
  const generatorMs = median(generator);
  const handWrittenMs = median(hand);
  return {
    generatorMs: Math.round(generatorMs),
    handWrittenMs: Math.round(handWrittenMs),
    ratio: Math.round((generatorMs / handWrittenMs) * 100) / 100,
    planMs: Math.round(median(planning)),
    rows,
    parentRows,
    runs,
  };
}
