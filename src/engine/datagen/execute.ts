// Runs a generation plan statement by statement through any Engine (in-thread adapter or
// worker client), reporting progress after each batch and stopping between batches when
// cancelled: every batch is its own statement, so a cancel loses at most one batch.
import type { Engine, RunResult } from '../types';
import { quoteTable } from './sql';
import type { GenerationPlan } from './types';

export interface GenerationProgress {
  /** 0-based index of the running step; `steps` once the final ANALYZE runs. */
  step: number;
  steps: number;
  table: string;
  /** Rows added so far over the whole plan, and the plan's total. */
  rowsDone: number;
  rowsTotal: number;
  /** 0..1 over the whole plan. */
  fraction: number;
}

export interface ExecuteOptions {
  onProgress?: (progress: GenerationProgress) => void;
  /** Checked before every statement. */
  signal?: AbortSignal;
}

export interface ExecuteResult {
  status: 'done' | 'cancelled' | 'error';
  error?: string;
  /** Rows the engine reports inserted, per relation key (may be below plan when filtered). */
  inserted: Record<string, number>;
  durationMs: number;
}

/** The rows the batch's main INSERT reports (SQLite batches also fill temp tables). */
function insertedBy(result: RunResult, target: string): number {
  const main = result.results.find((r) => r.sql.includes(`INTO ${target}`));
  return main?.rowsAffected ?? 0;
}

function failure(result: RunResult): { cancelled: boolean; message: string } | null {
  const failed = result.results.find((r) => r.status === 'error' || r.status === 'cancelled');
  if (!failed) return null;
  return {
    cancelled: failed.status === 'cancelled' || failed.error?.kind === 'cancelled',
    message: failed.error?.message ?? 'The statement failed.',
  };
}

/** Runs every statement of the plan in order, then the ANALYZE statements. */
export async function executePlan(
  plan: GenerationPlan,
  engine: Pick<Engine, 'run'>,
  options: ExecuteOptions = {},
): Promise<ExecuteResult> {
  const started = performance.now();
  const inserted: Record<string, number> = {};
  let rowsDone = 0;
  const report = (step: number, table: string): void =>
    options.onProgress?.({
      step,
      steps: plan.steps.length,
      table,
      rowsDone,
      rowsTotal: plan.totalRows,
      fraction: plan.totalRows === 0 ? 1 : Math.min(1, rowsDone / plan.totalRows),
    });
  const end = (status: ExecuteResult['status'], error?: string): ExecuteResult => ({
    status,
    ...(error !== undefined ? { error } : {}),
    inserted,
    durationMs: performance.now() - started,
  });
  for (const [index, step] of plan.steps.entries()) {
    const dot = step.table.indexOf('.');
    const target = quoteTable(step.table.slice(0, dot), step.table.slice(dot + 1));
    for (const [i, sql] of step.sql.entries()) {
      report(index, step.table);
      if (options.signal?.aborted) return end('cancelled');
      const result = await engine.run({ script: sql, stopOnError: true });
      const failed = failure(result);
      if (failed) return end(failed.cancelled ? 'cancelled' : 'error', failed.message);
      inserted[step.table] = (inserted[step.table] ?? 0) + insertedBy(result, target);
      rowsDone += step.batchRows[i] ?? 0;
    }
  }
  report(plan.steps.length, '');
  for (const sql of plan.analyze) {
    if (options.signal?.aborted) return end('cancelled');
    const failed = failure(await engine.run({ script: sql, stopOnError: true }));
    if (failed) return end(failed.cancelled ? 'cancelled' : 'error', failed.message);
  }
  return end('done');
}
