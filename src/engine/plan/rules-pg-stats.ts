// Postgres rules about what the planner knows: row estimates far from reality (fixed by
// statistics), and Index Only Scans that still visit the table (fixed by VACUUM).

import {
  allNodes,
  annotation,
  code,
  formatCount,
  relationLabel,
  type Annotation,
  type Rule,
  type Severity,
  type SqlSuggestion,
} from './annotation';
import type { PlanNode } from './model';
import { indexColumns } from './pg-index-keys';
import { objectName, quoteIdent, tableRef } from './sql-ident';
import { HEAP_FETCH_WARNING_SHARE, MISESTIMATE_LEVELS, MISESTIMATE_MIN_ROWS } from './thresholds';

// Nodes whose row counts say nothing about the planner's judgement: bitmaps report 0
// rows, Hash/Materialize/Sort pass on their input's estimate, ModifyTable plans 0 rows.
const NO_ESTIMATE = new Set([
  'BitmapAnd',
  'BitmapOr',
  'Hash',
  'Materialize',
  'Sort',
  'ModifyTable',
]);

/** How far off a node's row estimate was: factor ≥ 1 and the direction. */
export function estimateError(
  node: PlanNode,
): { factor: number; direction: 'under' | 'over' } | undefined {
  if (node.estimatedRows === undefined || node.actualRows === undefined || node.neverExecuted) {
    return undefined;
  }
  // Both are per loop; 0 actual rows compares as 1 so that "expected 5, got 0" is 5×.
  const estimated = Math.max(node.estimatedRows, 1);
  const actual = Math.max(node.actualRows, 1);
  return actual >= estimated
    ? { factor: actual / estimated, direction: 'under' }
    : { factor: estimated / actual, direction: 'over' };
}

function misestimated(node: PlanNode): boolean {
  if (NO_ESTIMATE.has(node.nodeType)) return false;
  const error = estimateError(node);
  if (!error || error.factor < (MISESTIMATE_LEVELS[MISESTIMATE_LEVELS.length - 1]?.factor ?? 10)) {
    return false;
  }
  const rows = Math.max(node.estimatedRows ?? 0, node.actualRows ?? 0) * (node.actualLoops ?? 1);
  return rows >= MISESTIMATE_MIN_ROWS;
}

// The node and its inputs, without the sub-plans hanging off it.
function ownSubtree(node: PlanNode): PlanNode[] {
  return [node, ...node.children.filter((c) => c.subplanName === undefined).flatMap(ownSubtree)];
}

// Looks through pass-through nodes (Hash, Sort…) to the inputs that carry an estimate.
function inputMisestimated(node: PlanNode): boolean {
  return node.children.some(
    (c) =>
      c.subplanName === undefined &&
      (misestimated(c) || (NO_ESTIMATE.has(c.nodeType) && inputMisestimated(c))),
  );
}

/** Row estimate off by ≥ 10× where the error starts → statistics that fix it. */
export const misestimateRule: Rule = (plan, options) => {
  if (!plan.analyzed) return [];
  const out: Annotation[] = [];
  // Below a Limit (or a semi/anti join's inner side) execution stops early on purpose,
  // so fewer rows than estimated is expected there.
  const walk = (node: PlanNode, stopsEarly: boolean): void => {
    const childStopsEarly =
      stopsEarly ||
      node.nodeType === 'Limit' ||
      node.joinType === 'Semi' ||
      node.joinType === 'Anti';
    node.children.forEach((c) => walk(c, childStopsEarly));
    if (stopsEarly || !misestimated(node)) return;
    // Report where the error starts, not every node it spreads to above.
    if (inputMisestimated(node)) return;
    out.push(misestimateAnnotation(node, options));
  };
  walk(plan.root, false);
  return out;
};

function misestimateAnnotation(node: PlanNode, options: Parameters<Rule>[1]): Annotation {
  const error = estimateError(node) ?? { factor: 1, direction: 'under' as const };
  const level = MISESTIMATE_LEVELS.find((l) => error.factor >= l.factor);
  const severity: Severity = level?.severity ?? 'info';
  const factor = formatCount(Math.round(error.factor));
  const expected = formatCount(node.estimatedRows ?? 0);
  const got = formatCount(node.actualRows ?? 0);
  const loops = (node.actualLoops ?? 1) > 1 ? ' per loop' : '';
  // Sub-plans (InitPlan, SubPlan, CTE) have estimates of their own; they are not the input here.
  const inputs = ownSubtree(node).filter((n) => n.relation !== undefined);
  const tables = [...new Set(inputs.map(relationLabel))];
  const consequence =
    error.direction === 'under'
      ? 'Plans built for few rows (nested loops, no parallelism, small memory) get slow when many more arrive.'
      : 'Expecting far more rows than arrive can make Postgres pick a costly plan (big hashes or full scans) for little work.';
  const base = `The planner expected ${expected} rows${loops} here but got ${got}: ${factor}× ${error.direction === 'under' ? 'more' : 'fewer'}. Its choices above this step rest on that number. ${consequence}`;
  const analyze: SqlSuggestion | undefined =
    tables.length > 0
      ? {
          label: 'Refresh the table statistics',
          sql: `ANALYZE ${[...new Set(inputs.map((n) => tableRef(n.relation ?? '', n.schema)))].join(', ')};`,
        }
      : undefined;
  const title = `Row estimate off by ${factor}× (expected ${expected}, got ${got})`;
  // A value that is only known while the query runs cannot be looked up in statistics.
  const runtimeValue = [node.filter, node.indexCond, node.joinFilter].find(
    (c) => c !== undefined && /\$\d+|\((?:InitPlan|SubPlan) \d+\)/.test(c),
  );
  if (runtimeValue && node.relation) {
    return annotation({
      rule: 'pg-misestimate',
      severity,
      node,
      title,
      explanation: `${base} The condition ${code(runtimeValue)} compares with a value that is only known while the query runs (a parameter or sub-plan result), so the planner fell back to a fixed guess; ANALYZE cannot change that. If the estimate leads to a poor plan, computing the value first (in the application or a separate statement) lets the planner see it.`,
    });
  }
  const stats = node.relation ? extendedStatistics(node, options) : undefined;
  if (stats) {
    return annotation({
      rule: 'pg-misestimate',
      severity,
      node,
      title,
      explanation: `${base} ${stats.why}`,
      suggestion: stats,
      alternatives: analyze ? [analyze] : [],
    });
  }
  return annotation({
    rule: 'pg-misestimate',
    severity,
    node,
    title,
    explanation: analyze
      ? `${base} If ${code(tables.join(', '))} changed a lot since statistics were last gathered, ANALYZE brings them up to date.`
      : base,
    suggestion: analyze,
  });
}

// Postgres assumes that conditions on different columns are independent, and knows nothing
// about the values of an expression; extended statistics teach it both.
function extendedStatistics(
  node: PlanNode,
  options: Parameters<Rule>[1],
): { sql: string; undoSql: string; why: string } | undefined {
  const relation = node.relation;
  if (!relation) return undefined;
  const keys = indexColumns(node.filter, node, options);
  const table = tableRef(relation, node.schema);
  const estimate = estimateError(node);
  if (keys.equalityColumns.length >= 2 && estimate?.direction === 'under') {
    const columns = keys.equalityColumns;
    const name = objectName('stat', relation, columns);
    return {
      sql: `CREATE STATISTICS ${quoteIdent(name)} (dependencies) ON ${columns.map(quoteIdent).join(', ')} FROM ${table};\nANALYZE ${table};`,
      undoSql: `DROP STATISTICS ${quoteIdent(name)};`,
      why: `Postgres multiplied the selectivities of ${code(columns.join(', '))} as if they were unrelated; if their values go together, statistics on the columns together fix the estimate.`,
    };
  }
  const wrapped = keys.wrapped[0];
  if (wrapped) {
    const expression = wrapped.operand.ref.qualifier
      ? wrapped.operand.text.split(`${wrapped.operand.ref.qualifier}.`).join('')
      : wrapped.operand.text;
    const name = objectName('stat', relation, [
      wrapped.operand.fn ?? 'expr',
      wrapped.operand.ref.column,
    ]);
    return {
      sql: `CREATE STATISTICS ${quoteIdent(name)} ON (${expression}) FROM ${table};\nANALYZE ${table};`,
      undoSql: `DROP STATISTICS ${quoteIdent(name)};`,
      why: `Postgres has no statistics for ${code(expression)}, so it guessed; statistics on the expression (Postgres 14 and later) give it real numbers.`,
    };
  }
  return undefined;
}

/** Index Only Scan that still had to visit the table → VACUUM refreshes the visibility map. */
export const heapFetchesRule: Rule = (plan) =>
  allNodes(plan.root).flatMap((node): Annotation[] => {
    if (node.nodeType !== 'Index Only Scan' || !node.relation || !node.heapFetches) return [];
    const returned = (node.actualRows ?? 0) * (node.actualLoops ?? 1);
    const fetches = node.heapFetches;
    const share = returned > 0 ? fetches / returned : 1;
    const table = relationLabel(node);
    return [
      annotation({
        rule: 'pg-heap-fetches',
        severity: share >= HEAP_FETCH_WARNING_SHARE ? 'warning' : 'info',
        node,
        title: `Index Only Scan still read ${table} ${formatCount(fetches)} times`,
        explanation:
          `An Index Only Scan answers from the index alone only for pages that VACUUM has marked ` +
          `all-visible. Here ${formatCount(fetches)} of ${formatCount(returned)} rows needed a trip ` +
          `to the table (heap fetches), usually because rows changed since the last VACUUM. ` +
          `VACUUM updates that map (it cannot run inside a transaction block).`,
        suggestion: { sql: `VACUUM ${tableRef(node.relation, node.schema)};` },
      }),
    ];
  });
