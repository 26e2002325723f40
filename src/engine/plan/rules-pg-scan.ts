// Postgres rules about reading tables: full scans that keep few rows, nested loops that
// rescan a table for every outer row, and conditions that hide a column inside a
// function or cast so that no plain index can serve them.

import {
  allNodes,
  annotation,
  code,
  formatCount,
  formatShare,
  relationLabel,
  type Annotation,
  type AnnotateOptions,
  type Rule,
  type Severity,
} from './annotation';
import type { PlanNode } from './model';
import { columnType, indexColumns, type WrappedCondition } from './pg-index-keys';
import { columnKey, createIndexSql, quoteIdent } from './sql-ident';
import { HUGE_SCAN_ROWS, LARGE_SCAN_ROWS, SELECTIVE_FILTER_SHARE } from './thresholds';

/** Rows a filtering scan read and kept, over all loops; undefined without ANALYZE. */
export function scanVolume(node: PlanNode): { read: number; kept: number } | undefined {
  if (node.actualRows === undefined || node.actualLoops === undefined || node.neverExecuted) {
    return undefined;
  }
  const loops = node.actualLoops;
  // Both figures are per-loop averages in EXPLAIN output.
  const kept = node.actualRows * loops;
  return { kept, read: kept + (node.rowsRemovedByFilter ?? 0) * loops };
}

function isLargeSelectiveScan(node: PlanNode): boolean {
  const volume = scanVolume(node);
  if (!volume || volume.read < LARGE_SCAN_ROWS) return false;
  return (volume.read - volume.kept) / volume.read >= SELECTIVE_FILTER_SHARE;
}

/** Seq Scan of a large table whose filter throws most rows away → the index that serves it. */
export const seqScanFilterRule: Rule = (plan, options) =>
  allNodes(plan.root).flatMap((node): Annotation[] => {
    if (node.nodeType !== 'Seq Scan' || !node.relation || !node.filter) return [];
    const volume = scanVolume(node);
    if (!volume || !isLargeSelectiveScan(node)) return [];
    const keys = indexColumns(node.filter, node, options);
    if (keys.columns.length === 0 && !keys.hasOr) return [];
    const table = relationLabel(node);
    const removed = volume.read - volume.kept;
    const loops = node.actualLoops ?? 1;
    const severity: Severity = volume.read >= HUGE_SCAN_ROWS ? 'critical' : 'warning';
    const title = `Seq Scan on ${table} keeps ${formatCount(volume.kept)} of ${formatCount(volume.read)} rows`;
    const perLoop =
      loops > 1
        ? ` It did this ${formatCount(loops)} times, once per loop, so ${formatCount(volume.read)} rows were read in all.`
        : '';
    const base =
      `Postgres read every row of ${code(table)} (a Seq Scan) and threw away ` +
      `${formatCount(removed)} of the ${formatCount(volume.read)} rows it read ` +
      `(${formatShare(removed / volume.read)}) because they failed ${code(node.filter)}.${perLoop}`;
    if (keys.columns.length === 0) {
      return [
        annotation({
          rule: 'pg-seq-scan-filter',
          severity,
          node,
          title,
          explanation:
            `${base} The filter combines conditions with OR, which one index cannot serve; ` +
            'an index on the column of each OR branch lets Postgres combine them (a BitmapOr).',
        }),
      ];
    }
    const parent = partitionParent(node);
    const index = createIndexSql({
      table: parent ?? node.relation,
      schema: node.schema,
      keys: keys.columns.map(columnKey),
    });
    const columns = keys.columns.join(', ');
    const onParent = parent
      ? ` ${code(table)} looks like a partition of ${code(parent)}; an index created on ${code(parent)} is created on every partition.`
      : '';
    return [
      annotation({
        rule: 'pg-seq-scan-filter',
        severity,
        node,
        title,
        explanation:
          `${base} An index on ${code(columns)} lets Postgres go straight to the ` +
          `${formatCount(volume.kept)} matching rows instead.` +
          (keys.columns.length > 1
            ? ' Columns compared with = come first in the index, a range column last.'
            : '') +
          onParent,
        suggestion: index,
      }),
    ];
  });

// Postgres names the scans of a partitioned table's partitions `<parent>_1`, `<parent>_2`…
// below an Append, so an alias like that on a differently named table points to the parent.
function partitionParent(node: PlanNode): string | undefined {
  if (node.parentRelationship !== 'Member' || !node.alias) return undefined;
  const base = /^(.+)_\d+$/.exec(node.alias)?.[1];
  return base && base !== node.relation ? base : undefined;
}

// The inner side that a Nested Loop re-reads: the scan itself, or the scan below a
// Materialize that keeps its rows (then the Materialize's loops count).
function innerScan(loop: PlanNode): { scan: PlanNode; loops: number } | undefined {
  const regular = loop.children.filter((c) => c.subplanName === undefined);
  const inner = regular.find((c) => c.parentRelationship === 'Inner') ?? regular[1];
  if (!inner) return undefined;
  const scan = inner.nodeType === 'Materialize' ? inner.children[0] : inner;
  if (!scan || scan.nodeType !== 'Seq Scan' || !scan.relation) return undefined;
  return { scan, loops: inner.actualLoops ?? 0 };
}

/** Nested Loop that rescans a table per outer row → an index on the join column. */
export const nestedLoopSeqScanRule: Rule = (plan, options) =>
  allNodes(plan.root).flatMap((loop): Annotation[] => {
    if (loop.nodeType !== 'Nested Loop') return [];
    const found = innerScan(loop);
    if (!found || found.loops <= 1) return [];
    const { scan, loops } = found;
    const perLoop = (scan.actualRows ?? 0) + (scan.rowsRemovedByFilter ?? 0);
    const compared = perLoop * loops;
    if (compared < LARGE_SCAN_ROWS) return [];
    const joinKeys = indexColumns(loop.joinFilter, scan, options);
    const keys = joinKeys.columns.length > 0 ? joinKeys : indexColumns(scan.filter, scan, options);
    const table = relationLabel(scan);
    const severity: Severity = compared >= HUGE_SCAN_ROWS ? 'critical' : 'warning';
    const base =
      `For each of the ${formatCount(loops)} rows from the outer side, this Nested Loop went ` +
      `through all ${formatCount(perLoop)} rows of ${code(table)} again: ` +
      `${formatCount(compared)} row visits to find ${formatCount((loop.actualRows ?? 0) * (loop.actualLoops ?? 1))} matches.`;
    if (keys.columns.length === 0) {
      return [
        annotation({
          rule: 'pg-nested-loop-seq-scan',
          severity,
          node: scan,
          title: `Nested Loop rescans ${table} ${formatCount(loops)} times`,
          explanation: `${base} No join condition on ${code(table)} could be read from the plan, so there is no index to suggest; check that the join has an ON condition.`,
        }),
      ];
    }
    const index = createIndexSql({
      table: scan.relation ?? table,
      schema: scan.schema,
      keys: keys.columns.map(columnKey),
    });
    return [
      annotation({
        rule: 'pg-nested-loop-seq-scan',
        severity,
        node: scan,
        title: `Nested Loop rescans ${table} ${formatCount(loops)} times`,
        explanation: `${base} With an index on ${code(keys.columns.join(', '))} each outer row looks up its matches directly (an Index Scan) instead of reading the whole table.`,
        suggestion: index,
      }),
    ];
  });

const SCAN_TYPES = new Set(['Seq Scan', 'Index Scan', 'Index Only Scan', 'Bitmap Heap Scan']);
// Date/time functions and casts that Postgres only accepts in an index for `timestamp`
// (without time zone): for `timestamptz` they depend on the session's time zone.
const TIME_FUNCTIONS = new Set(['date', 'date_trunc', 'date_part', 'extract', 'to_char']);
const TIME_CASTS = /^(date|time|timestamp)/;

/** A filter that wraps a column in a function or cast → an expression index or a rewrite. */
export const wrappedColumnRule: Rule = (plan, options) =>
  allNodes(plan.root).flatMap((node) => {
    if (!SCAN_TYPES.has(node.nodeType) || !node.relation || !node.filter) return [];
    const { wrapped } = indexColumns(node.filter, node, options);
    return wrapped.map((w) => wrappedAnnotation(node, w, options));
  });

function wrappedAnnotation(
  node: PlanNode,
  { condition, operand }: WrappedCondition,
  options: AnnotateOptions,
): Annotation {
  const table = relationLabel(node);
  const column = operand.ref.column;
  // The index expression is written against the table, so the alias prefix goes.
  const expression = operand.ref.qualifier
    ? operand.text.split(`${operand.ref.qualifier}.`).join('')
    : operand.text;
  const how = operand.fn
    ? `the function ${code(`${operand.fn}()`)}`
    : `a cast to ${code(operand.castType ?? '')}`;
  const volume = scanVolume(node);
  const severity: Severity =
    node.nodeType === 'Seq Scan' && isLargeSelectiveScan(node) ? 'warning' : 'info';
  const isTime =
    (operand.fn !== undefined && TIME_FUNCTIONS.has(operand.fn)) ||
    (operand.fn === undefined && TIME_CASTS.test(operand.castType ?? ''));
  const type = columnType(options, node.relation, column);
  const zoned = type !== undefined && /with time zone|timestamptz/.test(type);
  const volumeText = volume
    ? ` Here that meant checking ${formatCount(volume.read)} rows to keep ${formatCount(volume.kept)}.`
    : '';
  const base =
    `The condition ${code(condition.text)} applies ${how} to ${code(column)} of ${code(table)}. ` +
    `A plain index on ${code(column)} stores the column's own values, so Postgres cannot use ` +
    `it for this and has to compute the expression row by row.${volumeText}`;
  const rewrite = isTime ? rangeRewrite(condition.text, column) : undefined;
  const plainIndex = createIndexSql({
    table: node.relation ?? table,
    schema: node.schema,
    keys: [columnKey(column)],
  });
  const alternatives = rewrite
    ? [
        {
          label: `Index ${column} and rewrite the condition as ${rewrite}`,
          sql: plainIndex.sql,
          undoSql: plainIndex.undoSql,
        },
      ]
    : [];
  const title = `${code(expression)} hides ${code(column)} from indexes`;
  if (zoned) {
    return annotation({
      rule: 'pg-wrapped-column',
      severity,
      node,
      title,
      explanation: `${base} Because ${code(column)} is ${code(type ?? '')}, this expression depends on the session time zone and cannot be indexed; compare the column with a range instead${rewrite ? `: ${code(rewrite)}` : ''}, which a plain index on ${code(column)} serves.`,
      suggestion: plainIndex,
    });
  }
  const index = createIndexSql({
    table: node.relation ?? table,
    schema: node.schema,
    keys: [
      {
        sql: `(${expression})`,
        name: operand.fn ? `${operand.fn}_${column}` : `${column}_${operand.castType ?? ''}`,
      },
    ],
  });
  const caveat = isTime
    ? ` This works when ${code(column)} is \`timestamp\` without time zone; for \`timestamptz\` Postgres refuses the index, so use the range rewrite instead.`
    : '';
  return annotation({
    rule: 'pg-wrapped-column',
    severity,
    node,
    title,
    explanation: `${base} An index on the expression itself stores the computed values and matches this condition.${caveat}${rewrite ? ` Or rewrite the condition as ${code(rewrite)} so that a plain index on ${code(column)} serves it.` : ''}`,
    suggestion: index,
    alternatives,
  });
}

// date(created_at) = '2024-01-10'::date  →  created_at >= '2024-01-10' AND created_at < '2024-01-11'
function rangeRewrite(condition: string, column: string): string | undefined {
  const day = /= '(\d{4})-(\d{2})-(\d{2})'::date$/.exec(condition);
  if (!day?.[1] || !day[2] || !day[3]) return undefined;
  const start = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
  const next = new Date(start.getTime() + 86_400_000).toISOString().slice(0, 10);
  const col = quoteIdent(column);
  return `${col} >= '${start.toISOString().slice(0, 10)}' AND ${col} < '${next}'`;
}
