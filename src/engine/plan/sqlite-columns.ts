// Connects SQLite plan rows to the statement's SQL: which real table a plan row's name
// (often an alias) stands for, and which of its columns WHERE/ORDER BY/GROUP BY use.

import type { AnnotateOptions } from './annotation';
import { analyzeSql, type SqlColumn, type SqlScope, type SqlTable } from './sqlite-sql';

/** Columns of one table that the statement filters or sorts on. */
export interface TableColumns {
  /** The real table name (aliases resolved). */
  readonly table: string;
  /** Columns compared with `=`, `IN` or `IS NULL`, in the order they appear. */
  readonly equality: readonly string[];
  /** Columns compared with `<`, `>`, `BETWEEN`. */
  readonly range: readonly string[];
  /** True when a column was placed in this table by a guess (unqualified, several tables). */
  readonly unsure: boolean;
  /** True when a query reading this table has WHERE conditions we could not read. */
  readonly filtered: boolean;
}

/** What the SQL says, read once per annotation run. */
export interface SqlFacts {
  readonly scopes: readonly SqlScope[];
  readonly options: AnnotateOptions;
}

/** Reads the statement in `options.sql`, if any. */
export function sqlFacts(options: AnnotateOptions): SqlFacts {
  return { scopes: options.sql ? analyzeSql(options.sql) : [], options };
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The real table behind a name in the plan, and whether the SQL confirmed it. */
export function resolveTable(facts: SqlFacts, name: string): { table: string; known: boolean } {
  for (const scope of facts.scopes) {
    const ref =
      scope.tables.find((t) => same(t.alias, name)) ?? scope.tables.find((t) => same(t.name, name));
    if (ref) return { table: ref.name, known: true };
  }
  return { table: name, known: false };
}

/** True when `name` is a CTE of the statement rather than a table. */
export function isCte(facts: SqlFacts, name: string): boolean {
  return facts.scopes.some((s) => s.ctes.some((c) => same(c, name)));
}

// Which table instance of the scope a column belongs to: by qualifier, by the caller's
// column lists, or (unsure) the only candidate that is left.
function owner(
  scope: SqlScope,
  column: SqlColumn,
  facts: SqlFacts,
): { ref?: SqlTable; unsure: boolean } {
  if (column.qualifier) {
    const q = column.qualifier;
    return { ref: scope.tables.find((t) => same(t.alias, q) || same(t.name, q)), unsure: false };
  }
  if (scope.tables.length === 1) return { ref: scope.tables[0], unsure: false };
  const known = facts.options.tableColumns;
  if (known) {
    const ref = scope.tables.find((t) => known[t.name]?.some((c) => same(c, column.column)));
    return { ref, unsure: false };
  }
  return { unsure: true };
}

/** WHERE columns of `table` that an index could use: compared with values, not joined. */
export function whereColumns(facts: SqlFacts, table: string): TableColumns {
  const equality: string[] = [];
  const range: string[] = [];
  let unsure = false;
  let filtered = false;
  for (const scope of facts.scopes) {
    const refs = scope.tables.filter((t) => same(t.name, table));
    if (refs.length === 0) continue;
    filtered ||= scope.unreadConditions > 0;
    for (const c of scope.where) {
      const found = owner(scope, c, facts);
      const guessed = found.unsure;
      // With several tables and no qualifier, assume the column is this table's, and say so.
      const ref = found.ref ?? (guessed ? refs[0] : undefined);
      if (!ref || !same(ref.name, table)) continue;
      // A column of another table in this same scope makes it a join condition; one from an
      // outer query (a correlated reference) acts like a value per run of the subquery.
      if (c.other && owner(scope, c.other, facts).ref && !guessed) continue;
      if (c.class === 'other') continue;
      unsure ||= guessed;
      const list = c.class === 'range' ? range : equality;
      if (!list.some((x) => same(x, c.column))) list.push(c.column);
    }
  }
  return { table, equality, range: range.filter((r) => !equality.includes(r)), unsure, filtered };
}

/** ORDER BY (or GROUP BY) columns of the scope that reads `table`, if they are all its own. */
export function sortColumns(
  facts: SqlFacts,
  table: string,
  kind: 'ORDER BY' | 'GROUP BY',
): { columns: { column: string; desc: boolean }[]; unsure: boolean } | undefined {
  for (const scope of facts.scopes) {
    if (!scope.tables.some((t) => same(t.name, table))) continue;
    const list =
      kind === 'ORDER BY' ? scope.orderBy : scope.groupBy.map((c) => ({ ...c, desc: false }));
    if (list.length === 0) continue;
    let unsure = false;
    for (const c of list) {
      const { ref, unsure: guessed } = owner(scope, c, facts);
      if (ref && !same(ref.name, table)) return undefined;
      unsure ||= guessed;
    }
    return { columns: list.map((c) => ({ column: c.column, desc: c.desc })), unsure };
  }
  return undefined;
}

/** Row count of a table from the caller's figures, matching names case-insensitively. */
export function rowsOf(options: AnnotateOptions, table: string): number | undefined {
  const rows = options.tableRows;
  if (!rows) return undefined;
  const key = Object.keys(rows).find((k) => same(k, table));
  return key === undefined ? undefined : rows[key];
}
