// Query plans of the open playground: explain the statement at the cursor, read a pasted
// plan, try a suggested fix and compare before/after, undo it. The plan core is loaded only
// when first needed, so it costs nothing at start-up.

import type { Annotation, Plan, PlanComparison } from '../engine/plan';
import type { EngineClient } from '../engine/client';
import type { Cell, EngineId, RunResult } from '../engine/types';
import { leadingWords } from '../engine/command';
import { tokenize } from '../engine/lexer';

export interface PlanRecord {
  id: number;
  engine: EngineId;
  /** The statement explained (empty for a pasted plan). */
  sql: string;
  plan: Plan;
  annotations: Annotation[];
  /** Explained inside a transaction that was rolled back (the statement changes data). */
  rolledBack: boolean;
  source: 'explain' | 'pasted';
  /** Short words for lists: "Before the index", "Explained 10:42:07". */
  label: string;
}

export interface AppliedFix {
  annotation: Annotation;
  before: PlanRecord;
  after?: PlanRecord;
  comparison?: PlanComparison;
  undone: boolean;
}

type PlanCore = typeof import('../engine/plan');
let core: Promise<PlanCore> | undefined;
const loadCore = (): Promise<PlanCore> => (core ??= import('../engine/plan'));

const READS = new Set(['select', 'with', 'values', 'table']);
const WRITE_WORDS = new Set(['insert', 'update', 'delete', 'merge', 'into']);

/**
 * Whether running the statement could change data; such statements are explained inside a
 * transaction that is rolled back. Queries are checked for a data-changing WITH part or
 * SELECT … INTO; anything else that EXPLAIN accepts is treated as writing.
 */
export function changesData(sql: string, engine: EngineId): boolean {
  const first = leadingWords(sql, 1, engine)[0] ?? '';
  if (!READS.has(first)) return true;
  return tokenize(sql, engine).some(
    (t) => t.type === 'word' && WRITE_WORDS.has(sql.slice(t.from, t.to).toLowerCase()),
  );
}

export class PlanStore {
  records = $state.raw<PlanRecord[]>([]);
  /** The plan on screen. */
  current = $state.raw<PlanRecord | undefined>();
  /** Two plans shown side by side. */
  comparing = $state.raw<[PlanRecord, PlanRecord] | undefined>();
  fix = $state.raw<AppliedFix | undefined>();
  busy = $state(false);
  error = $state<string | undefined>();
  analyze = $state(true);

  private counter = 0;

  constructor(
    private readonly client: (engine: EngineId) => EngineClient,
    private readonly inTransaction: (engine: EngineId) => boolean,
    private readonly columnTypes: (engine: EngineId) => Record<string, Record<string, string>>,
  ) {}

  /** Explains `sql` on `engine` and shows the plan. */
  async explain(engine: EngineId, sql: string, label?: string): Promise<PlanRecord | undefined> {
    this.busy = true;
    this.error = undefined;
    try {
      const record = await this.explainRecord(engine, sql, label);
      if (record) this.show(record);
      return record;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  /** Explains without showing (compare mode shows both engines' plans side by side). */
  async explainOnly(engine: EngineId, sql: string): Promise<PlanRecord | { error: string }> {
    try {
      return (await this.explainRecord(engine, sql)) ?? { error: 'No plan.' };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Reads a plan copied from a real server (JSON, text, psql output, sqlite3 shell). */
  async paste(text: string): Promise<string | undefined> {
    const { parsePlan, annotatePlan } = await loadCore();
    const parsed = parsePlan(text);
    if (!parsed.ok) {
      return parsed.error.line
        ? `Line ${parsed.error.line}: ${parsed.error.message}`
        : parsed.error.message;
    }
    const record: PlanRecord = {
      id: ++this.counter,
      engine: parsed.plan.engine,
      sql: '',
      plan: parsed.plan,
      annotations: annotatePlan(parsed.plan),
      rolledBack: false,
      source: 'pasted',
      label: `Pasted plan ${this.counter}`,
    };
    this.show(record);
    return undefined;
  }

  /** Applies an annotation's fix, explains the same statement again and compares. */
  async tryFix(annotation: Annotation): Promise<void> {
    const before = this.current;
    if (!before || !annotation.suggestedSql || before.source !== 'explain') return;
    this.busy = true;
    this.error = undefined;
    try {
      const applied = await this.client(before.engine).run({
        script: annotation.suggestedSql,
        stopOnError: true,
      });
      const failure = firstError(applied);
      if (failure) {
        this.error = `The suggested statement failed: ${failure}`;
        return;
      }
      const after = await this.explainRecord(
        before.engine,
        before.sql,
        `After: ${annotation.title}`,
      );
      if (!after) return;
      const { comparePlans } = await loadCore();
      this.fix = {
        annotation,
        before,
        after,
        comparison: comparePlans(before.plan, after.plan),
        undone: false,
      };
      this.show(after, false);
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }

  /** Takes the last fix back (e.g. drops the index) and explains again. */
  async undoFix(): Promise<void> {
    const fix = this.fix;
    if (!fix?.annotation.undoSql || fix.undone) return;
    this.busy = true;
    try {
      const undone = await this.client(fix.before.engine).run({
        script: fix.annotation.undoSql,
        stopOnError: true,
      });
      const failure = firstError(undone);
      if (failure) {
        this.error = `Undo failed: ${failure}`;
        return;
      }
      this.fix = { ...fix, undone: true };
      const again = await this.explainRecord(fix.before.engine, fix.before.sql, 'After undo');
      if (again) this.show(again, false);
    } finally {
      this.busy = false;
    }
  }

  async compare(a: PlanRecord, b: PlanRecord): Promise<PlanComparison> {
    const { comparePlans } = await loadCore();
    this.comparing = [a, b];
    return comparePlans(a.plan, b.plan);
  }

  select(record: PlanRecord): void {
    this.current = record;
    this.comparing = undefined;
  }

  closeFix(): void {
    this.fix = undefined;
  }

  /** Forgets everything (another playground was opened). */
  clear(): void {
    this.records = [];
    this.current = undefined;
    this.comparing = undefined;
    this.fix = undefined;
    this.error = undefined;
  }

  private show(record: PlanRecord, clearFix = true): void {
    this.records = [...this.records.slice(-19), record];
    this.current = record;
    this.comparing = undefined;
    if (clearFix) this.fix = undefined;
  }

  private async explainRecord(
    engine: EngineId,
    sql: string,
    label?: string,
  ): Promise<PlanRecord | undefined> {
    const { annotatePlan, parsePlan, planFromSqliteRows, EXPLAIN_SQL } = await loadCore();
    const client = this.client(engine);
    const writes = changesData(sql, engine);
    const analyze = this.analyze;
    let plan: Plan;
    let rolledBack = false;
    let tableRows: Record<string, number> | undefined;
    if (engine === 'postgres') {
      const explain = analyze
        ? EXPLAIN_SQL.postgresAnalyze(sql)
        : EXPLAIN_SQL.postgresEstimate(sql);
      const wrap = analyze && writes;
      rolledBack = wrap;
      const run = await client.run({
        script: wrap ? this.wrapInRollback(engine, explain) : explain,
        stopOnError: false,
      });
      const result = run.results.find((r) => r.command === 'EXPLAIN');
      const cell = result?.rows[0]?.[0];
      if (!result || result.status !== 'ok' || typeof cell !== 'string') {
        throw new Error(firstError(run) ?? 'EXPLAIN returned no plan.');
      }
      const parsed = parsePlan(cell);
      if (!parsed.ok) throw new Error(parsed.error.message);
      plan = parsed.plan;
    } else {
      const eqp = await client.run({ script: EXPLAIN_SQL.sqlite(sql), stopOnError: true });
      const rowsResult = eqp.results[0];
      if (!rowsResult || rowsResult.status !== 'ok')
        throw new Error(firstError(eqp) ?? 'EXPLAIN QUERY PLAN failed.');
      let measuredTime: number | undefined;
      if (analyze) {
        rolledBack = writes;
        const timed = await client.run({
          script: writes ? this.wrapInRollback(engine, sql) : sql,
          stopOnError: false,
        });
        const own = timed.results.find((r) => r.sql === sql);
        if (own?.status === 'ok') measuredTime = own.durationMs;
      }
      const rows = rowsResult.rows.map(
        (r) => [Number(r[0]), Number(r[1]), Number(r[2]), String(r[3])] as const,
      );
      const parsed = planFromSqliteRows(rows, measuredTime === undefined ? {} : { measuredTime });
      if (!parsed.ok) throw new Error(parsed.error.message);
      plan = parsed.plan;
      tableRows = await this.sqliteTableRows(client, plan);
    }
    return {
      id: ++this.counter,
      engine,
      sql,
      plan,
      annotations: annotatePlan(plan, {
        sql,
        ...(tableRows ? { tableRows } : {}),
        columnTypes: this.columnTypes(engine),
      }),
      rolledBack,
      source: 'explain',
      label: label ?? `Explained at ${new Date().toLocaleTimeString()}`,
    };
  }

  /** Runs a data-changing statement so that its effects are undone afterwards. */
  private wrapInRollback(engine: EngineId, sql: string): string {
    // Inside the user's own transaction, a savepoint keeps their earlier work.
    if (this.inTransaction(engine)) {
      return `SAVEPOINT schemalab_explain;\n${sql};\nROLLBACK TO SAVEPOINT schemalab_explain;\nRELEASE SAVEPOINT schemalab_explain;`;
    }
    return `BEGIN;\n${sql};\nROLLBACK;`;
  }

  /** Row counts of the tables a SQLite plan reads (EXPLAIN QUERY PLAN has none). */
  private async sqliteTableRows(client: EngineClient, plan: Plan): Promise<Record<string, number>> {
    const { flattenPlan } = await loadCore();
    const names = new Set<string>();
    for (const { node } of flattenPlan(plan.root))
      if (node.sqlite?.table) names.add(node.sqlite.table);
    if (names.size === 0) return {};
    const quoted = [...names].map((n) => `'${n.replace(/'/g, "''")}'`).join(',');
    const tables = await client.query(
      `select name from sqlite_schema where type = 'table' and name in (${quoted})`,
    );
    const real = tables.rows.map((r) => String(r[0]));
    if (real.length === 0) return {};
    const counts = await client.query(
      real
        .map((n) => `select '${n.replace(/'/g, "''")}', count(*) from "${n.replace(/"/g, '""')}"`)
        .join(' union all '),
    );
    return Object.fromEntries(counts.rows.map((r: Cell[]) => [String(r[0]), Number(r[1])]));
  }
}

function firstError(run: RunResult): string | undefined {
  const failed = run.results.find((r) => r.status !== 'ok' && r.error);
  return failed?.error?.message;
}
