// Plans sample data for one table: which parent tables need rows first (foreign keys, in
// dependency order), how many, and the batched INSERT statements for each step.
import type { Relation, SchemaModel } from '../../schema/model';
import type { EngineId } from '../types';
import { analyzeTable, type FkPlan, type TableRecipe } from './recipe';
import { formatCount, quoteTable, stringSeed } from './sql';
import { batchSql } from './statements';
import type { GenerationOptions, GenerationPlan, GenerationStep, PlanResult } from './types';

/** Bounds of the row count a plan accepts (the UI offers 100 to 1,000,000). */
export const MIN_ROWS = 1;
export const MAX_ROWS = 10_000_000;
/** Rows per INSERT statement unless the options say otherwise. */
export const DEFAULT_BATCH = 100_000;
/** Parents generated for a plain foreign key: a tenth of the children, within these bounds. */
const MIN_PARENTS = 10;
const MAX_PARENTS = 100_000;

interface Node {
  relation: Relation;
  recipe: TableRecipe;
}

/** Rows a parent must get so `childRows` children can point at it in this FK's way. */
function parentNeed(
  plan: FkPlan,
  childRows: number,
  childExisting: number,
  parentExisting: number,
  comboSize: number,
): number {
  if (childRows === 0) return 0;
  if (plan.mode === 'distinct') {
    // One-to-one: every new child needs a parent no child uses yet.
    return Math.max(0, childRows - Math.max(0, parentExisting - childExisting));
  }
  if (plan.mode === 'combo') {
    // k parents whose product covers every child: about the k-th root each, with slack.
    const side = Math.ceil(Math.pow(childRows + childExisting, 1 / comboSize) * 1.2) + 1;
    return Math.max(0, Math.max(side, MIN_PARENTS) - parentExisting);
  }
  if (parentExisting > 0) return 0;
  return Math.min(MAX_PARENTS, Math.max(MIN_PARENTS, Math.ceil(childRows / 10)));
}

/** Tables to fill in dependency order (parents first), with cycle edges marked `loop`. */
function collect(
  model: SchemaModel,
  target: Relation,
  engine: EngineId,
  existing: (key: string) => number,
): { order: Node[] } | { error: string } {
  const byKey = new Map(model.relations.map((r) => [r.key, r]));
  const state = new Map<string, 'visiting' | 'done'>();
  const order: Node[] = [];
  const visit = (relation: Relation): string | null => {
    state.set(relation.key, 'visiting');
    const recipe = analyzeTable(model, relation, engine);
    if ('error' in recipe) return recipe.error;
    for (const plan of recipe.fks) {
      const parent = byKey.get(plan.fk.referencedKey);
      if (!parent || plan.mode === 'null' || plan.mode === 'loop') continue;
      if (state.get(parent.key) === 'visiting') {
        // A cycle: this key can only point at rows that exist before its table's step.
        if (plan.mode === 'random') plan.mode = 'loop';
        else if (plan.nullable) plan.mode = 'null';
        else
          return `${relation.name}.${plan.fk.columns.join(', ')} is unique and part of a NOT NULL cycle of foreign keys.`;
        continue;
      }
      const mustGrow = plan.mode === 'distinct' || plan.mode === 'combo';
      if (state.has(parent.key) || (existing(parent.key) > 0 && !mustGrow)) continue;
      const error = visit(parent);
      if (error) return error;
    }
    for (const plan of recipe.fks) {
      if (plan.mode !== 'loop' || plan.nullable || existing(plan.fk.referencedKey) > 0) continue;
      return (
        `${relation.name}.${plan.fk.columns.join(', ')} must reference ` +
        `${plan.fk.referencedKey === relation.key ? 'its own table' : plan.fk.referencedKey}, ` +
        `which has no rows yet (a NOT NULL cycle). Insert one row by hand first.`
      );
    }
    state.set(relation.key, 'done');
    order.push({ relation, recipe });
    return null;
  };
  const error = visit(target);
  return error ? { error } : { order };
}

/** Row counts per table: the target's from the request, parents' from their children. */
function countRows(order: Node[], target: string, rows: number, existing: (k: string) => number) {
  const counts = new Map<string, number>([[target, rows]]);
  const reasons = new Map<string, string>();
  for (const { relation, recipe } of [...order].reverse()) {
    const childRows = counts.get(relation.key) ?? 0;
    const combos = recipe.fks.filter((f) => f.mode === 'combo').length;
    for (const plan of recipe.fks) {
      const key = plan.fk.referencedKey;
      if (plan.mode === 'loop' || plan.mode === 'null' || key === relation.key) continue;
      if (!order.some((n) => n.relation.key === key)) continue;
      const need = parentNeed(plan, childRows, existing(relation.key), existing(key), combos);
      if (need > (counts.get(key) ?? 0)) {
        counts.set(key, need);
        reasons.set(key, relation.key);
      }
    }
  }
  return { counts, reasons };
}

/**
 * Plans `rows` new rows for `tableKey` plus whatever its parents need, as batched set-based
 * INSERT statements; returns `{ error }` (before anything runs) when it cannot be done.
 */
export function planGeneration(
  model: SchemaModel,
  tableKey: string,
  rows: number,
  options: GenerationOptions,
): PlanResult {
  const { engine, skew } = options;
  if (!Number.isInteger(rows) || rows < MIN_ROWS || rows > MAX_ROWS) {
    return { error: `Row count must be a whole number from 1 to ${formatCount(MAX_ROWS)}.` };
  }
  if (model.engine !== engine) return { error: `The schema is ${model.engine}, not ${engine}.` };
  const target = model.relations.find((r) => r.key === tableKey);
  if (!target) return { error: `There is no table ${tableKey}.` };
  if (target.kind !== 'table' && target.kind !== 'partitioned-table') {
    return { error: `${target.name} is a ${target.kind}; only tables can get rows.` };
  }
  const existing = (key: string): number => Math.max(0, options.existingRows[key] ?? 0);
  const collected = collect(model, target, engine, existing);
  if ('error' in collected) return collected;
  const { counts, reasons } = countRows(collected.order, target.key, rows, existing);
  const batch = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH));
  const relations = new Map(model.relations.map((r) => [r.key, r]));
  const steps: GenerationStep[] = [];
  const warnings: string[] = [];
  for (const { relation, recipe } of collected.order) {
    const count = counts.get(relation.key) ?? 0;
    if (count === 0) continue;
    const offset = existing(relation.key);
    const sql: string[] = [];
    const batchRows: number[] = [];
    for (let from = offset + 1; from <= offset + count; from += batch) {
      const to = Math.min(from + batch - 1, offset + count);
      const statement = batchSql(recipe, {
        engine,
        skew,
        from,
        to,
        maxN: offset + count,
        seed: stringSeed(relation.key),
        relations,
      });
      if (typeof statement !== 'string') return statement;
      sql.push(statement);
      batchRows.push(to - from + 1);
    }
    const child = reasons.get(relation.key);
    const name = (key: string): string => relations.get(key)?.name ?? key;
    steps.push({
      table: relation.key,
      rows: count,
      sql,
      batchRows,
      reason:
        relation.key === target.key || !child ? { kind: 'target' } : { kind: 'parent', child },
      description:
        relation.key === target.key || !child
          ? `Add ${formatCount(count)} rows to ${relation.name}.`
          : `Add ${formatCount(count)} rows to ${relation.name} first, because ${name(child)} references it.`,
    });
    warnings.push(...recipe.warnings);
  }
  const analyze =
    engine === 'postgres'
      ? steps.map((s) => {
          const r = relations.get(s.table);
          return `ANALYZE ${r ? quoteTable(r.schema, r.name) : s.table}`;
        })
      : ['ANALYZE'];
  const stepped = new Set(steps.map((s) => s.table));
  const reusedKeys = new Set<string>();
  const reused = collected.order.flatMap(({ relation, recipe }) =>
    !stepped.has(relation.key)
      ? []
      : recipe.fks
          .map((f) => f.fk.referencedKey)
          .filter((k) => k !== relation.key && !stepped.has(k) && existing(k) > 0)
          .filter((k) => !reusedKeys.has(`${k}\u0000${relation.key}`))
          .map((k) => {
            reusedKeys.add(`${k}\u0000${relation.key}`);
            return { table: k, rows: existing(k), child: relation.key };
          }),
  );
  return {
    engine,
    target: target.key,
    steps,
    reused,
    analyze,
    warnings: [...new Set(warnings)],
    totalRows: steps.reduce((sum, s) => sum + s.rows, 0),
  };
}

/** One sentence per step for the UI ("Will add 1,000 rows to customers first, because …"). */
export function describePlan(plan: GenerationPlan): string[] {
  const name = (key: string): string => key.slice(key.indexOf('.') + 1);
  const lines = [
    ...plan.reused.map(
      (r) =>
        `Will use the ${formatCount(r.rows)} existing rows of ${name(r.table)} for ${name(r.child)}.`,
    ),
    ...plan.steps.map(
      (s) => `Will ${s.description.charAt(0).toLowerCase()}${s.description.slice(1)}`,
    ),
  ];
  if (plan.steps.length > 1) lines.push(`${formatCount(plan.totalRows)} rows in all.`);
  lines.push(
    plan.engine === 'postgres'
      ? `Then ANALYZE ${plan.steps.length === 1 ? 'the table' : 'each table'} so the planner sees the new rows.`
      : 'Then ANALYZE so the query planner sees the new rows.',
  );
  return lines;
}
