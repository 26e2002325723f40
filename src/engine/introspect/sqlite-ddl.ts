// Reads what SQLite keeps only in `sqlite_schema.sql`: CHECK constraints, constraint names,
// generated expressions, collations, AUTOINCREMENT, FK deferrability, index expressions and
// partial predicates, trigger headers and view bodies. Everything else comes from pragmas.
import {
  closingParen,
  columnList,
  findTopLevel,
  isKeyword,
  isPunct,
  sourceOf,
  splitTopLevel,
  tokenize,
  type Token,
} from './sql-tokens';

export interface ParsedCheck {
  name: string | null;
  expression: string;
  /** Owning column for a column-level check, null for a table-level one. */
  column: string | null;
}

export interface ParsedForeignKey {
  name: string | null;
  columns: string[];
  table: string;
  refColumns: string[];
  deferrable: boolean;
  initiallyDeferred: boolean;
}

export interface ParsedKey {
  name: string | null;
  columns: string[];
}

export interface ParsedColumn {
  name: string;
  collation: string | null;
  generated: { expression: string; stored: boolean } | null;
  autoincrement: boolean;
}

export interface ParsedTable {
  columns: ParsedColumn[];
  checks: ParsedCheck[];
  foreignKeys: ParsedForeignKey[];
  primaryKey: ParsedKey | null;
  uniques: ParsedKey[];
  autoincrement: boolean;
}

/** Words that start a column constraint and so end the column's type name. */
const COLUMN_CONSTRAINT = [
  'CONSTRAINT',
  'PRIMARY',
  'NOT',
  'NULL',
  'UNIQUE',
  'CHECK',
  'DEFAULT',
  'COLLATE',
  'REFERENCES',
  'GENERATED',
  'AS',
];

/** Skips `IF NOT EXISTS` and a `schema.` prefix; returns the index of the object name. */
function skipToName(tokens: readonly Token[], i: number): number {
  if (isKeyword(tokens[i], 'IF')) i += 3;
  if (isPunct(tokens[i + 1], '.')) i += 2;
  return i;
}

/**
 * Reads a foreign-key clause starting at `REFERENCES` (index `i`), up to the first token
 * that is not part of it. e.g. `REFERENCES p (a, b) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED`
 */
function readReferences(
  tokens: readonly Token[],
  i: number,
  end: number,
  name: string | null,
  columns: string[],
): { fk: ParsedForeignKey; next: number } {
  const fk: ParsedForeignKey = {
    name,
    columns,
    table: tokens[i + 1]?.value ?? '',
    refColumns: [],
    deferrable: false,
    initiallyDeferred: false,
  };
  i += 2;
  if (isPunct(tokens[i], '(')) {
    fk.refColumns = columnList(tokens, i);
    i = closingParen(tokens, i) + 1;
  }
  while (i < end) {
    const t = tokens[i];
    if (isKeyword(t, 'ON')) {
      // ON DELETE|UPDATE followed by SET NULL | SET DEFAULT | NO ACTION (2 words) or 1 word.
      i += isKeyword(tokens[i + 2], 'SET', 'NO') ? 4 : 3;
    } else if (isKeyword(t, 'MATCH')) {
      i += 2;
    } else if (isKeyword(t, 'NOT') && isKeyword(tokens[i + 1], 'DEFERRABLE')) {
      fk.deferrable = false;
      i += 2;
    } else if (isKeyword(t, 'DEFERRABLE')) {
      fk.deferrable = true;
      i++;
    } else if (isKeyword(t, 'INITIALLY')) {
      fk.initiallyDeferred = fk.deferrable && isKeyword(tokens[i + 1], 'DEFERRED');
      i += 2;
    } else break;
  }
  return { fk, next: i };
}

/** Index after an optional `ON CONFLICT <resolution>`. */
function skipConflict(tokens: readonly Token[], i: number): number {
  return isKeyword(tokens[i], 'ON') && isKeyword(tokens[i + 1], 'CONFLICT') ? i + 3 : i;
}

/** Reads one column definition, e.g. `id INTEGER CONSTRAINT pk PRIMARY KEY AUTOINCREMENT`. */
function readColumn(
  sql: string,
  tokens: readonly Token[],
  from: number,
  to: number,
  table: ParsedTable,
): void {
  const name = tokens[from]?.value ?? '';
  const column: ParsedColumn = { name, collation: null, generated: null, autoincrement: false };
  table.columns.push(column);
  let i = from + 1;
  while (i < to && !isKeyword(tokens[i], ...COLUMN_CONSTRAINT)) {
    i = isPunct(tokens[i], '(') ? closingParen(tokens, i) + 1 : i + 1;
  }
  let pending: string | null = null;
  while (i < to) {
    const t = tokens[i];
    if (isKeyword(t, 'CONSTRAINT')) {
      pending = tokens[i + 1]?.value ?? null;
      i += 2;
      continue;
    }
    if (isKeyword(t, 'PRIMARY')) {
      table.primaryKey = { name: pending, columns: [name] };
      i += 2;
      if (isKeyword(tokens[i], 'ASC', 'DESC')) i++;
      i = skipConflict(tokens, i);
      if (isKeyword(tokens[i], 'AUTOINCREMENT')) {
        column.autoincrement = table.autoincrement = true;
        i++;
      }
    } else if (isKeyword(t, 'UNIQUE')) {
      table.uniques.push({ name: pending, columns: [name] });
      i = skipConflict(tokens, i + 1);
    } else if (isKeyword(t, 'CHECK') && isPunct(tokens[i + 1], '(')) {
      const close = closingParen(tokens, i + 1);
      table.checks.push({
        name: pending,
        expression: sourceOf(sql, tokens, i + 2, close),
        column: name,
      });
      i = close + 1;
    } else if (isKeyword(t, 'COLLATE')) {
      column.collation = tokens[i + 1]?.value ?? null;
      i += 2;
    } else if (isKeyword(t, 'REFERENCES')) {
      const { fk, next } = readReferences(tokens, i, to, pending, [name]);
      table.foreignKeys.push(fk);
      i = next;
    } else if (isKeyword(t, 'GENERATED', 'AS')) {
      const open = isKeyword(t, 'GENERATED') ? i + 3 : i + 1;
      const close = closingParen(tokens, open);
      const stored = isKeyword(tokens[close + 1], 'STORED');
      column.generated = { expression: sourceOf(sql, tokens, open + 1, close), stored };
      i = close + (isKeyword(tokens[close + 1], 'STORED', 'VIRTUAL') ? 2 : 1);
    } else if (isKeyword(t, 'DEFAULT')) {
      const v = i + 1;
      if (isPunct(tokens[v], '(')) i = closingParen(tokens, v) + 1;
      else i = isPunct(tokens[v], '-') || isPunct(tokens[v], '+') ? v + 2 : v + 1;
    } else {
      // NOT NULL, NULL and conflict clauses: nothing to keep; a name before them is used up.
      if (isKeyword(t, 'NULL')) pending = null;
      i = skipConflict(tokens, i + 1);
      continue;
    }
    pending = null;
  }
}

/** Reads one table constraint, e.g. `CONSTRAINT fk FOREIGN KEY (a) REFERENCES p (id)`. */
function readTableConstraint(
  sql: string,
  tokens: readonly Token[],
  from: number,
  to: number,
  table: ParsedTable,
): void {
  let i = from;
  let name: string | null = null;
  if (isKeyword(tokens[i], 'CONSTRAINT')) {
    name = tokens[i + 1]?.value ?? null;
    i += 2;
  }
  const t = tokens[i];
  if (isKeyword(t, 'PRIMARY', 'UNIQUE')) {
    const open = isKeyword(t, 'PRIMARY') ? i + 2 : i + 1;
    const key = { name, columns: columnList(tokens, open) };
    if (isKeyword(t, 'PRIMARY')) table.primaryKey = key;
    else table.uniques.push(key);
    // SQLite accepts `PRIMARY KEY (id AUTOINCREMENT)` as well.
    const close = closingParen(tokens, open);
    if (tokens.slice(open, close).some((k) => isKeyword(k, 'AUTOINCREMENT'))) {
      table.autoincrement = true;
      const col = table.columns.find((c) => c.name.toLowerCase() === key.columns[0]?.toLowerCase());
      if (col) col.autoincrement = true;
    }
  } else if (isKeyword(t, 'CHECK')) {
    const close = closingParen(tokens, i + 1);
    table.checks.push({ name, expression: sourceOf(sql, tokens, i + 2, close), column: null });
  } else if (isKeyword(t, 'FOREIGN')) {
    const open = i + 2;
    const refs = findTopLevel(tokens, open, to, 'REFERENCES');
    if (refs >= 0) {
      table.foreignKeys.push(readReferences(tokens, refs, to, name, columnList(tokens, open)).fk);
    }
  }
}

const TABLE_CONSTRAINT = ['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN'];

/** Parses `CREATE TABLE name (defs…) [options]`; null for `CREATE TABLE … AS SELECT` or junk. */
export function parseCreateTable(sql: string): ParsedTable | null {
  const tokens = tokenize(sql);
  const kw = tokens.findIndex((t) => isKeyword(t, 'TABLE'));
  if (kw < 0) return null;
  const open = skipToName(tokens, kw + 1) + 1;
  if (!isPunct(tokens[open], '(')) return null;
  const close = closingParen(tokens, open);
  const table: ParsedTable = {
    columns: [],
    checks: [],
    foreignKeys: [],
    primaryKey: null,
    uniques: [],
    autoincrement: false,
  };
  for (const [from, to] of splitTopLevel(tokens, open + 1, close)) {
    // A column may be named like a keyword only when quoted, so a bare keyword is a constraint.
    if (isKeyword(tokens[from], ...TABLE_CONSTRAINT))
      readTableConstraint(sql, tokens, from, to, table);
    else readColumn(sql, tokens, from, to, table);
  }
  return table;
}

export interface ParsedIndex {
  /** One entry per indexed term, without COLLATE/ASC/DESC: column name or expression text. */
  terms: string[];
  /** Predicate of a partial index, without `WHERE`. */
  where: string | null;
}

/** Parses `CREATE [UNIQUE] INDEX name ON t (terms…) [WHERE expr]`. */
export function parseCreateIndex(sql: string): ParsedIndex | null {
  const tokens = tokenize(sql);
  const on = findTopLevel(tokens, 0, tokens.length, 'ON');
  const open = on + 2;
  if (on < 0 || !isPunct(tokens[open], '(')) return null;
  const close = closingParen(tokens, open);
  const terms = splitTopLevel(tokens, open + 1, close).map(([from, to]) => {
    let end = to;
    if (isKeyword(tokens[end - 1], 'ASC', 'DESC')) end--;
    if (isKeyword(tokens[end - 2], 'COLLATE')) end -= 2;
    return sourceOf(sql, tokens, from, end);
  });
  const where = findTopLevel(tokens, close + 1, tokens.length, 'WHERE');
  let end = tokens.length;
  if (isPunct(tokens[end - 1], ';')) end--;
  return { terms, where: where < 0 ? null : sourceOf(sql, tokens, where + 1, end) };
}

export interface ParsedTrigger {
  timing: 'before' | 'after' | 'instead of';
  events: ('insert' | 'update' | 'delete')[];
  updateColumns: string[];
  when: string | null;
}

/** Parses the header of `CREATE TRIGGER name [BEFORE|AFTER|INSTEAD OF] event ON t … BEGIN`. */
export function parseCreateTrigger(sql: string): ParsedTrigger | null {
  const tokens = tokenize(sql);
  const kw = tokens.findIndex((t) => isKeyword(t, 'TRIGGER'));
  if (kw < 0) return null;
  let i = skipToName(tokens, kw + 1) + 1;
  // SQLite's default timing is BEFORE.
  let timing: ParsedTrigger['timing'] = 'before';
  if (isKeyword(tokens[i], 'BEFORE', 'AFTER')) {
    timing = isKeyword(tokens[i], 'AFTER') ? 'after' : 'before';
    i++;
  } else if (isKeyword(tokens[i], 'INSTEAD')) {
    timing = 'instead of';
    i += 2;
  }
  const event = tokens[i]?.text.toLowerCase();
  if (event !== 'insert' && event !== 'update' && event !== 'delete') return null;
  const updateColumns: string[] = [];
  i++;
  if (isKeyword(tokens[i], 'OF')) {
    i++;
    while (i < tokens.length && !isKeyword(tokens[i], 'ON')) {
      if (!isPunct(tokens[i], ',')) updateColumns.push(tokens[i]?.value ?? '');
      i++;
    }
  }
  const begin = findTopLevel(tokens, i, tokens.length, 'BEGIN');
  const when = findTopLevel(tokens, i, begin < 0 ? tokens.length : begin, 'WHEN');
  return {
    timing,
    events: [event],
    updateColumns,
    when: when < 0 ? null : sourceOf(sql, tokens, when + 1, begin < 0 ? tokens.length : begin),
  };
}

/** The SELECT of `CREATE VIEW name [(cols)] AS select`. */
export function parseCreateView(sql: string): string | null {
  const tokens = tokenize(sql);
  const as = findTopLevel(tokens, 0, tokens.length, 'AS');
  if (as < 0) return null;
  let end = tokens.length;
  if (isPunct(tokens[end - 1], ';')) end--;
  return sourceOf(sql, tokens, as + 1, end);
}

/** Names among `columns` that occur as identifiers in `expression`, in column order. */
export function referencedColumns(expression: string, columns: readonly string[]): string[] {
  const used = new Set(
    tokenize(expression)
      .filter((t) => t.kind === 'word' || t.kind === 'ident')
      .map((t) => t.value.toLowerCase()),
  );
  return columns.filter((c) => used.has(c.toLowerCase()));
}
