// SQLite rules. EXPLAIN QUERY PLAN has no row counts or times, so these rules lean on the
// optional table sizes and on the statement's SQL, and say so when they had to guess.

import {
  allNodes,
  annotation,
  code,
  formatCount,
  type Annotation,
  type Rule,
  type Severity,
} from './annotation';
import type { Plan, PlanNode } from './model';
import { columnKey, createIndexSql, quoteIdent } from './sql-ident';
import {
  isCte,
  resolveTable,
  rowsOf,
  sortColumns,
  sqlFacts,
  whereColumns,
  type SqlFacts,
} from './sqlite-columns';
import { SQLITE_LARGE_TABLE_ROWS } from './thresholds';

const UNSURE =
  ' We read the columns from your SQL; some were not qualified with a table name, so check that they belong to this table.';

// Names that the plan itself defines (subqueries, views of CTEs) are not tables to index.
function planDefinedNames(plan: Plan): Set<string> {
  const names = new Set<string>();
  for (const n of allNodes(plan.root)) {
    if ((n.nodeType === 'MATERIALIZE' || n.nodeType === 'CO-ROUTINE') && n.sqlite?.table) {
      names.add(n.sqlite.table.toLowerCase());
    }
  }
  return names;
}

function realTable(plan: Plan, facts: SqlFacts, name: string | undefined) {
  if (!name || planDefinedNames(plan).has(name.toLowerCase()) || isCte(facts, name))
    return undefined;
  return resolveTable(facts, name);
}

/** `SCAN t` of a large table, or one the WHERE clause filters → an index on those columns. */
export const sqliteScanRule: Rule = (plan, options) => {
  const facts = sqlFacts(options);
  return allNodes(plan.root).flatMap((node): Annotation[] => {
    if (node.nodeType !== 'SCAN' || node.sqlite?.access !== 'table') return [];
    const resolved = realTable(plan, facts, node.sqlite.table);
    if (!resolved) return [];
    const { table } = resolved;
    const rows = rowsOf(options, table);
    const large = rows !== undefined && rows >= SQLITE_LARGE_TABLE_ROWS;
    if (rows !== undefined && !large) return [];
    const where = whereColumns(facts, table);
    const columns = [...where.equality, ...where.range.slice(0, 1)];
    const severity: Severity = large ? 'warning' : 'info';
    const size = rows !== undefined ? `all ${formatCount(rows)} rows of ` : 'every row of ';
    const base = `SQLite reads ${size}${code(table)} one by one (SCAN) to answer this query.`;
    const title = `Full scan of ${table}`;
    if (columns.length > 0) {
      return [
        annotation({
          rule: 'sqlite-scan',
          severity,
          node,
          title,
          explanation:
            `${base} Your WHERE clause compares ${code(columns.join(', '))}; with an index on ` +
            `${columns.length > 1 ? 'these columns' : 'that column'} SQLite can jump to the matching rows (SEARCH) instead.` +
            (where.unsure ? UNSURE : ''),
          suggestion: createIndexSql({ table, keys: columns.map(columnKey) }),
        }),
      ];
    }
    // Without the SQL we cannot see the WHERE clause; with it, a query that reads the whole
    // table on purpose (no WHERE) has nothing to fix.
    const generic = options.sql === undefined ? large : where.filtered;
    if (!generic) return [];
    return [
      annotation({
        rule: 'sqlite-scan',
        severity,
        node,
        title,
        explanation:
          options.sql === undefined
            ? `${base} If the query filters ${code(table)} in its WHERE clause, an index on the filtered columns lets SQLite search instead of scan.`
            : `${base} Its WHERE clause could not be matched to simple column comparisons (OR, functions or expressions); an index helps only on columns compared directly, or on the same expression (CREATE INDEX … ON t(lower(col))).`,
      }),
    ];
  });
};

// The tables read by the plan rows next to a temp b-tree (its siblings and their children).
function siblingTables(plan: Plan, node: PlanNode, facts: SqlFacts): string[] {
  const parent = allNodes(plan.root).find((n) => n.children.some((c) => c.id === node.id));
  const names = (parent?.children ?? [])
    .filter((c) => c.nodeType === 'SCAN' || c.nodeType === 'SEARCH')
    .map((c) => realTable(plan, facts, c.sqlite?.table)?.table)
    .filter((t): t is string => t !== undefined);
  return [...new Set(names)];
}

/** `USE TEMP B-TREE FOR ORDER BY / GROUP BY` → an index that returns rows in that order. */
export const sqliteTempBtreeRule: Rule = (plan, options) => {
  const facts = sqlFacts(options);
  return allNodes(plan.root).flatMap((node): Annotation[] => {
    const purpose = node.sqlite?.tempBtreeFor;
    if (node.nodeType !== 'USE TEMP B-TREE' || !purpose) return [];
    const kind = purpose.includes('GROUP BY')
      ? 'GROUP BY'
      : purpose.includes('ORDER BY')
        ? 'ORDER BY'
        : undefined;
    if (!kind) return [];
    const base = `SQLite collects the rows into a temporary b-tree to sort them for ${kind} before it can return them.`;
    for (const table of siblingTables(plan, node, facts)) {
      const sort = sortColumns(facts, table, kind);
      if (!sort || sort.columns.length === 0) continue;
      const where = whereColumns(facts, table);
      const keys = [
        ...where.equality.filter((c) => !sort.columns.some((s) => s.column === c)).map(columnKey),
        ...sort.columns.map((s) => ({
          sql: `${quoteIdent(s.column)}${s.desc ? ' DESC' : ''}`,
          name: s.column,
        })),
      ];
      const rows = rowsOf(options, table);
      const index = createIndexSql({ table, keys });
      return [
        annotation({
          rule: 'sqlite-temp-btree',
          severity: rows !== undefined && rows >= SQLITE_LARGE_TABLE_ROWS ? 'warning' : 'info',
          node,
          title: `Extra sort step for ${kind}`,
          explanation:
            `${base} An index on ${code(table)} that starts with the columns WHERE compares with = ` +
            `and continues with the ${kind} columns hands SQLite the rows already in order.` +
            (where.unsure || sort.unsure ? UNSURE : ''),
          suggestion: index,
        }),
      ];
    }
    // With the SQL in hand and no matching clause, the b-tree serves something else (the
    // duplicate removal of a UNION, say) that an index cannot replace.
    if (options.sql !== undefined) return [];
    return [
      annotation({
        rule: 'sqlite-temp-btree',
        severity: 'info',
        node,
        title: `Extra sort step for ${kind}`,
        explanation: `${base} An index on the ${kind} columns of the table being read avoids this step.`,
      }),
    ];
  });
};

/** `AUTOMATIC (PARTIAL) COVERING INDEX` → the same index, made permanent. */
export const sqliteAutomaticIndexRule: Rule = (plan, options) => {
  const facts = sqlFacts(options);
  return allNodes(plan.root).flatMap((node): Annotation[] => {
    const access = node.sqlite?.access;
    if (access !== 'automatic-index' && access !== 'automatic-partial-index') return [];
    const columns = node.sqlite?.columns ?? [];
    const resolved = realTable(plan, facts, node.sqlite?.table);
    if (!resolved || columns.length === 0) return [];
    const index = createIndexSql({ table: resolved.table, keys: columns.map(columnKey) });
    const guess = resolved.known
      ? ''
      : ` The plan names the table ${code(resolved.table)}; if that is an alias in your query, use the real table name.`;
    return [
      annotation({
        rule: 'sqlite-automatic-index',
        severity: 'warning',
        node,
        title: `SQLite builds a temporary index on ${resolved.table}(${columns.join(', ')})`,
        explanation:
          `No index could serve this lookup, so SQLite builds one on ${code(`${resolved.table}(${columns.join(', ')})`)} ` +
          `every time the statement runs, uses it, and throws it away. Creating it once keeps it for every run.${guess}`,
        suggestion: index,
      }),
    ];
  });
};

/** `CORRELATED SCALAR SUBQUERY` → run once per outer row; an index or a join avoids it. */
export const sqliteCorrelatedSubqueryRule: Rule = (plan, options) => {
  const facts = sqlFacts(options);
  return allNodes(plan.root).flatMap((node): Annotation[] => {
    if (!node.sqlite?.correlated) return [];
    const scans = allNodes(node).filter(
      (n) => n.nodeType === 'SCAN' && n.sqlite?.access === 'table',
    );
    const scan = scans[0];
    const resolved = scan ? realTable(plan, facts, scan.sqlite?.table) : undefined;
    const where = resolved ? whereColumns(facts, resolved.table) : undefined;
    const columns = where ? [...where.equality, ...where.range.slice(0, 1)] : [];
    const base =
      `This subquery refers to the outer query, so SQLite runs it again for every outer row` +
      (resolved ? `, and each run reads all of ${code(resolved.table)}` : '') +
      '. Rewriting it as a JOIN (with GROUP BY for aggregates) lets SQLite do the work in one pass.';
    const index =
      resolved && columns.length > 0
        ? createIndexSql({ table: resolved.table, keys: columns.map(columnKey) })
        : undefined;
    return [
      annotation({
        rule: 'sqlite-correlated-subquery',
        severity: scan ? 'warning' : 'info',
        node,
        title: `Subquery runs once per outer row`,
        explanation: index
          ? `${base} Short of a rewrite, an index on ${code(columns.join(', '))} turns each run into a quick search.${where?.unsure ? UNSURE : ''}`
          : base,
        suggestion: index,
      }),
    ];
  });
};

/** Every SQLite rule. */
export const SQLITE_RULES: readonly Rule[] = [
  sqliteScanRule,
  sqliteTempBtreeRule,
  sqliteAutomaticIndexRule,
  sqliteCorrelatedSubqueryRule,
];
