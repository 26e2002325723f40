// SQLite's EXPLAIN QUERY PLAN returns rows (id, parent, notused, detail) that form a tree
// through `parent`. Only the detail text says what a step does, so each detail is split
// into fields here (table, index, constrained columns, why a temp b-tree is needed…).
// SQLite reports no row counts or times; the caller may pass the statement's run time.

import { finishPlan } from './derive';
import type { PlanNodeDraft, SqliteAccess, SqliteDetail } from './model';
import { draftNode } from './model';
import { parseFailure, parseSuccess, type PlanParseResult } from './result';

/** One EXPLAIN QUERY PLAN row, as sql.js returns it: `[id, parent, notused, detail]`. */
export type EqpRow = readonly [id: number, parent: number, notused: number, detail: string];

/** Options for SQLite plans. */
export interface SqlitePlanOptions {
  /** How long the statement took when run, in milliseconds. */
  readonly measuredTime?: number;
  /** The text the rows came from; defaults to the rows as a table. */
  readonly raw?: string;
  readonly format?: 'sqlite-eqp';
}

/** The name SQLite gives the synthetic root that holds the top-level rows. */
export const SQLITE_ROOT = 'QUERY PLAN';

/** Builds a plan from EXPLAIN QUERY PLAN rows; rows whose parent is missing hang off the root. */
export function planFromSqliteRows(
  rows: readonly EqpRow[],
  options: SqlitePlanOptions = {},
): PlanParseResult {
  if (rows.length === 0) {
    return parseFailure('EXPLAIN QUERY PLAN returned no rows, so there is no plan to show.');
  }
  const byParent = new Map<number, EqpRow[]>();
  const ids = new Set(rows.map((r) => r[0]));
  for (const row of rows) {
    const parent = ids.has(row[1]) && row[1] !== row[0] ? row[1] : 0;
    byParent.set(parent, [...(byParent.get(parent) ?? []), row]);
  }
  const seen = new Set<number>();
  const build = (row: EqpRow): PlanNodeDraft => {
    seen.add(row[0]);
    const kids = (byParent.get(row[0]) ?? []).filter((r) => !seen.has(r[0]));
    return { ...sqliteNode(row[3]), children: kids.map(build) };
  };
  const root: PlanNodeDraft = {
    ...draftNode(SQLITE_ROOT),
    children: (byParent.get(0) ?? []).map(build),
  };
  return parseSuccess(
    finishPlan({
      engine: 'sqlite',
      format: 'sqlite-eqp',
      root,
      hasBuffers: false,
      triggers: [],
      measuredTime: options.measuredTime,
      extra: {},
      raw: options.raw ?? rows.map((r) => r.join('|')).join('\n'),
    }),
  );
}

/** A draft node for one detail text, with its kind in `nodeType` and fields in `sqlite`. */
export function sqliteNode(detail: string): PlanNodeDraft {
  const { nodeType, sqlite } = classifySqliteDetail(detail);
  const node = { ...draftNode(nodeType, detail), sqlite };
  return sqlite.table && (nodeType === 'SCAN' || nodeType === 'SEARCH')
    ? { ...node, relation: sqlite.table, ...(sqlite.index ? { indexName: sqlite.index } : {}) }
    : node;
}

const SCAN_SEARCH =
  /^(SCAN|SEARCH) (?:TABLE )?(\S+)(?: AS (\S+))?(?: EXISTS)?(?: USING (.+?))?(?: (?:LEFT|RIGHT)-JOIN)?$/;
const ACCESS: readonly [RegExp, SqliteAccess][] = [
  [/^AUTOMATIC PARTIAL COVERING INDEX(?: (\(.*\)))?$/, 'automatic-partial-index'],
  [/^AUTOMATIC (?:COVERING )?INDEX(?: (\(.*\)))?$/, 'automatic-index'],
  [/^COVERING INDEX (\S+)(?: (\(.*\)))?$/, 'covering-index'],
  [/^INDEX (\S+)(?: (\(.*\)))?$/, 'index'],
  [/^(?:INTEGER )?PRIMARY KEY(?: (\(.*\)))?$/, 'primary-key'],
];

/** Splits a detail such as `SEARCH t USING INDEX i (a=? AND b>?)` into fields. */
export function classifySqliteDetail(detail: string): { nodeType: string; sqlite: SqliteDetail } {
  const d = detail.trim();
  // SCAN t | SCAN t USING COVERING INDEX i | SEARCH t USING INTEGER PRIMARY KEY (rowid=?)
  const scan = SCAN_SEARCH.exec(d);
  if (scan?.[1] && scan[2] && scan[2] !== 'CONSTANT') {
    // Before 3.36 SQLite printed `SCAN TABLE t AS x`; the alias is what later versions print.
    const table = scan[3] ?? scan[2];
    return { nodeType: scan[1], sqlite: { table, ...accessOf(scan[4]) } };
  }
  // AUTOMATIC PARTIAL COVERING INDEX ON t(col)
  const auto = /^AUTOMATIC (PARTIAL )?(?:COVERING )?INDEX ON (\S+?)\s*\((.*)\)$/.exec(d);
  if (auto?.[2] && auto[3] !== undefined) {
    const access: SqliteAccess = auto[1] ? 'automatic-partial-index' : 'automatic-index';
    const columns = auto[3]
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    return { nodeType: 'AUTOMATIC INDEX', sqlite: { table: auto[2], access, columns } };
  }
  // USE TEMP B-TREE FOR ORDER BY | GROUP BY | DISTINCT | RIGHT PART OF ORDER BY
  const temp = /^USE TEMP B-TREE FOR (.+)$/.exec(d);
  if (temp?.[1]) return { nodeType: 'USE TEMP B-TREE', sqlite: { tempBtreeFor: temp[1] } };
  // CORRELATED SCALAR SUBQUERY 1 | LIST SUBQUERY 2
  const sub = /^(CORRELATED )?(SCALAR|LIST) SUBQUERY(?: (\d+))?$/.exec(d);
  if (sub?.[2]) {
    const sqlite: SqliteDetail = { correlated: sub[1] !== undefined };
    return {
      nodeType: `${sub[1] ?? ''}${sub[2]} SUBQUERY`,
      sqlite: sub[3] ? { ...sqlite, subquery: Number(sub[3]) } : sqlite,
    };
  }
  // MATERIALIZE m | CO-ROUTINE s
  const named = /^(MATERIALIZE|CO-ROUTINE) (\S+)$/.exec(d);
  if (named?.[1] && named[2]) return { nodeType: named[1], sqlite: { table: named[2] } };
  // BLOOM FILTER ON u (t_id=?)
  const bloom = /^BLOOM FILTER ON (\S+)(?: (\(.*\)))?$/.exec(d);
  if (bloom?.[1]) {
    return { nodeType: 'BLOOM FILTER', sqlite: { table: bloom[1], ...constraintOf(bloom[2]) } };
  }
  if (/^(COMPOUND QUERY|LEFT-MOST SUBQUERY)$/.test(d)) return { nodeType: d, sqlite: {} };
  if (d.startsWith('MERGE (') || /^(UNION|UNION ALL|INTERSECT|EXCEPT)\b/.test(d)) {
    return { nodeType: 'COMPOUND QUERY', sqlite: {} };
  }
  if (d === 'MULTI-INDEX OR') return { nodeType: d, sqlite: {} };
  return { nodeType: d.replace(/\s+\d+$/, ''), sqlite: {} };
}

function accessOf(using: string | undefined): SqliteDetail {
  if (!using) return { access: 'table' };
  for (const [pattern, access] of ACCESS) {
    const m = pattern.exec(using);
    if (!m) continue;
    const hasName = access === 'index' || access === 'covering-index';
    const index = hasName ? m[1] : undefined;
    const constraint = hasName ? m[2] : m[1];
    return { access, ...(index ? { index } : {}), ...constraintOf(constraint) };
  }
  return { access: 'table' };
}

// (a=? AND b>?) → columns a, b, in order, without repeats.
function constraintOf(
  constraint: string | undefined,
): Pick<SqliteDetail, 'columns' | 'constraint'> {
  if (!constraint) return {};
  const inner = constraint.replace(/^\(/, '').replace(/\)$/, '');
  const columns: string[] = [];
  for (const term of inner.split(/ AND /)) {
    const column = /^\s*([^=<>!\s]+)/.exec(term)?.[1];
    if (column && !columns.includes(column)) columns.push(column);
  }
  return { constraint, columns };
}
