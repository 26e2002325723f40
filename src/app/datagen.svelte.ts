// Sample data for the open playground: plan rows for a table of the live schema (parents
// first), show what will happen, run it in the engine with progress, and cancel.
import { formatCount } from '../ui/numbers';
import type { GenerationPlan, GenerationProgress } from '../engine/datagen';
import type { EngineId } from '../engine/types';
import type { Workspace } from './workspace.svelte';

type DatagenCore = typeof import('../engine/datagen');
let core: Promise<DatagenCore> | undefined;
const loadCore = (): Promise<DatagenCore> => (core ??= import('../engine/datagen'));

/** The row counts the UI offers; the generator accepts any count in this range. */
export const ROW_LIMITS = { min: 100, max: 1_000_000 } as const;

export class DatagenStore {
  table = $state<string | undefined>();
  rows = $state(10_000);
  skew = $state(false);
  plan = $state.raw<GenerationPlan | undefined>();
  description = $state.raw<string[]>([]);
  error = $state<string | undefined>();
  progress = $state.raw<GenerationProgress | undefined>();
  running = $state(false);
  /** What the last run did, in words. */
  outcome = $state<string | undefined>();
  private controller: AbortController | undefined;
  private engine: EngineId = 'postgres';

  constructor(private readonly ws: Workspace) {}

  /** Plans generation for the chosen table and shows what it will do (nothing runs yet). */
  async preview(engine: EngineId): Promise<void> {
    this.engine = engine;
    this.plan = undefined;
    this.description = [];
    this.error = undefined;
    this.outcome = undefined;
    const model = this.ws.schemas[engine];
    if (!model || !this.table) return;
    if (!Number.isInteger(this.rows) || this.rows < ROW_LIMITS.min || this.rows > ROW_LIMITS.max) {
      this.error = `Choose between ${formatCount(ROW_LIMITS.min)} and ${formatCount(ROW_LIMITS.max)} rows.`;
      return;
    }
    const { planGeneration, describePlan, isPlanError } = await loadCore();
    const existingRows = await this.countRows(engine);
    const plan = planGeneration(model, this.table, this.rows, {
      skew: this.skew,
      engine,
      existingRows,
    });
    if (isPlanError(plan)) {
      this.error = plan.error;
      return;
    }
    this.plan = plan;
    this.description = describePlan(plan);
  }

  /** Runs the previewed plan; the diagram and completion refresh when it ends. */
  async run(): Promise<void> {
    const plan = this.plan;
    if (!plan || this.running) return;
    const { executePlan } = await loadCore();
    this.running = true;
    this.outcome = undefined;
    this.controller = new AbortController();
    const client = this.ws.client(this.engine);
    try {
      const result = await executePlan(plan, client, {
        signal: this.controller.signal,
        onProgress: (p) => (this.progress = p),
      });
      const added = Object.entries(result.inserted)
        .map(([key, n]) => `${formatCount(n)} rows to ${key.slice(key.indexOf('.') + 1)}`)
        .join(', ');
      const seconds = (result.durationMs / 1000).toFixed(1);
      if (result.status === 'done') {
        this.outcome = `Added ${added || 'no rows'} in ${seconds} s, then ran ANALYZE so the planner knows.`;
      } else if (result.status === 'cancelled') {
        this.outcome = `Cancelled. ${added ? `Batches already finished stay: ${added}.` : 'Nothing was added.'}`;
      } else {
        this.error = `Generation stopped: ${result.error ?? 'a statement failed'}. ${added ? `Added before that: ${added}.` : ''}`;
      }
      this.plan = undefined;
      this.description = [];
    } finally {
      this.running = false;
      this.progress = undefined;
      this.controller = undefined;
      this.ws.notifyChanged(this.engine);
    }
  }

  /** Stops between batches, and interrupts the batch that is running. */
  cancel(): void {
    this.controller?.abort();
    this.ws.client(this.engine).cancel();
  }

  /** Exact row counts of the tables, so unique values continue after existing rows. */
  private async countRows(engine: EngineId): Promise<Record<string, number>> {
    const model = this.ws.schemas[engine];
    const tables = (model?.relations ?? []).filter(
      (r) => r.kind === 'table' || r.kind === 'partitioned-table',
    );
    if (tables.length === 0) return {};
    const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
    const literal = (s: string): string => `'${s.replace(/'/g, "''")}'`;
    const from = (schema: string, name: string): string =>
      engine === 'postgres' ? `${quote(schema)}.${quote(name)}` : quote(name);
    const sql = tables
      .map((r) => `select ${literal(r.key)} as k, count(*) as n from ${from(r.schema, r.name)}`)
      .join(' union all ');
    const result = await this.ws.client(engine).query(sql);
    return Object.fromEntries(result.rows.map((row) => [String(row[0]), Number(row[1])]));
  }
}
