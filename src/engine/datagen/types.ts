// Plain-data types of the sample data generator: what the UI asks for and the plan it runs.
// A plan is only SQL text plus counts, so it can be shown, sent to a worker and replayed.
import type { EngineId } from '../types';

export interface GenerationOptions {
  /** Some values much more common than others (Zipf-like), so plans and estimates differ. */
  skew: boolean;
  engine: EngineId;
  /** Rows each relation holds now, by relation key; missing keys count as empty. */
  existingRows: Record<string, number>;
  /** Rows per INSERT statement (default 100,000): progress granularity and cancel loss. */
  batchSize?: number;
}

export interface GenerationStep {
  /** Relation key, e.g. `public.orders`. */
  table: string;
  /** Rows this step adds. */
  rows: number;
  /** Statements to run in order, one engine run each. */
  sql: string[];
  /** Rows each statement of `sql` adds (0 for setup and clean-up statements). */
  batchRows: number[];
  /** One sentence for the UI, e.g. "Add 1,000 rows to customers (orders references it)". */
  description: string;
  /** Why this table is in the plan: the target itself, or the child that needs its rows. */
  reason: { kind: 'target' } | { kind: 'parent'; child: string };
}

export interface GenerationPlan {
  engine: EngineId;
  /** The relation the user asked rows for. */
  target: string;
  /** Parents first; the target's step is last. */
  steps: GenerationStep[];
  /** Parents that already have rows, which children pick from instead of new ones. */
  reused: { table: string; rows: number; child: string }[];
  /** Statements to run after every step so the planner sees the new rows. */
  analyze: string[];
  /** Things the generator could not promise, e.g. a CHECK it only filters by. */
  warnings: string[];
  /** Sum of `rows` over the steps. */
  totalRows: number;
}

/** Result of a planning call: a plan, or a message saying why nothing can run. */
export type PlanResult = GenerationPlan | { error: string };

/** Narrows a planning result to the error case. */
export function isPlanError(result: PlanResult): result is { error: string } {
  return 'error' in result;
}
