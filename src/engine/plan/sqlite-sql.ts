// A deliberately small reader of SQLite SELECT/UPDATE/DELETE text, used because EXPLAIN
// QUERY PLAN never says which columns a scan filters or sorts on. For each SELECT (and each
// parenthesised sub-SELECT) it finds the tables and aliases in FROM, the simple comparisons
// in WHERE (`col = …`, `col > …`, `col IS NULL`, `col IN (…)`, `col BETWEEN …`), and the
// plain columns of GROUP BY and ORDER BY. Anything fancier is skipped, not guessed.

import { tokenize, type Token } from './sqlite-tokens';

export interface SqlTable {
  readonly name: string;
  readonly alias: string;
}

export interface SqlColumn {
  readonly column: string;
  readonly qualifier?: string;
}

export interface SqlComparison extends SqlColumn {
  readonly class: 'equality' | 'range' | 'null' | 'other';
  /** The other side when it is a column (a join or a correlated reference). */
  readonly other?: SqlColumn;
}

export interface SqlScope {
  readonly tables: readonly SqlTable[];
  readonly where: readonly SqlComparison[];
  /** WHERE conditions that were not read as comparisons (OR, functions…), EXISTS aside. */
  readonly unreadConditions: number;
  readonly groupBy: readonly SqlColumn[];
  readonly orderBy: readonly (SqlColumn & { readonly desc: boolean })[];
  /** Names defined by WITH in this scope (they are not tables). */
  readonly ctes: readonly string[];
}

// Keywords that end a clause of a SELECT/UPDATE/DELETE.
const CLAUSE_KEYWORDS = new Set(
  'WHERE GROUP ORDER LIMIT OFFSET HAVING WINDOW SET RETURNING'.split(' '),
);
// Keywords that cannot be a table alias.
const NOT_ALIAS = new Set([
  ...CLAUSE_KEYWORDS,
  ...'ON USING JOIN LEFT RIGHT FULL INNER CROSS NATURAL OUTER INDEXED NOT'.split(' '),
]);
const COMPOUND = new Set(['UNION', 'EXCEPT', 'INTERSECT']);

/** Reads every SELECT scope of a statement; returns [] for text it cannot make sense of. */
export function analyzeSql(sql: string): SqlScope[] {
  const scopes: SqlScope[] = [];
  readScope(tokenize(sql), scopes);
  return scopes;
}

// Cuts nested `( SELECT … )` out of the token list (reading each as its own scope) so
// that the clauses of this scope can be found at depth 0.
function readScope(tokens: readonly Token[], out: SqlScope[]): void {
  const flat: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) continue;
    const next = tokens[i + 1];
    if (t.text === '(' && (next?.upper === 'SELECT' || next?.upper === 'WITH')) {
      const end = closing(tokens, i);
      readScope(tokens.slice(i + 1, end), out);
      flat.push({ kind: 'subquery', text: '(…)', upper: '(…)' });
      i = end;
    } else {
      flat.push(t);
    }
  }
  const ctes = readCtes(flat);
  // Each SELECT of a UNION/EXCEPT/INTERSECT is a scope of its own.
  for (const part of splitCompound(flat)) {
    out.push({
      tables: readTables(part),
      ...readWhere(clause(part, 'WHERE')),
      groupBy: readColumnList(clause(part, 'GROUP')).map(({ desc: _desc, ...c }) => c),
      orderBy: readColumnList(clause(part, 'ORDER')),
      ctes,
    });
  }
}

function splitCompound(tokens: readonly Token[]): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.text === '(') depth++;
    if (t.text === ')') depth--;
    if (depth === 0 && t.kind === 'word' && COMPOUND.has(t.upper)) parts.push([]);
    else parts[parts.length - 1]?.push(t);
  }
  return parts;
}

function closing(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i]?.text === '(') depth++;
    else if (tokens[i]?.text === ')' && --depth === 0) return i;
  }
  return tokens.length;
}

// The tokens after `keyword` (and BY) up to the next clause, at parenthesis depth 0.
function clause(tokens: readonly Token[], keyword: string): Token[] {
  let depth = 0;
  let start = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t?.text === '(') depth++;
    if (t?.text === ')') depth--;
    if (!t || depth !== 0 || t.kind !== 'word') continue;
    if (start < 0 && t.upper === keyword) {
      start = tokens[i + 1]?.upper === 'BY' ? i + 2 : i + 1;
    } else if (start >= 0 && i >= start && CLAUSE_KEYWORDS.has(t.upper)) {
      return tokens.slice(start, i);
    }
  }
  return start < 0 ? [] : tokens.slice(start);
}

function readCtes(tokens: readonly Token[]): string[] {
  if (tokens[0]?.upper !== 'WITH') return [];
  const names: string[] = [];
  for (let i = 1; i < tokens.length; i++) {
    if (
      tokens[i]?.upper === 'AS' &&
      (tokens[i + 1]?.kind === 'subquery' || tokens[i + 2]?.kind === 'subquery')
    ) {
      // `name AS (…)` or `name(cols) AS (…)`: the name is before AS or before the column list.
      const before =
        tokens[i - 1]?.text === ')' ? tokens[openOf(tokens, i - 1) - 1] : tokens[i - 1];
      if (before?.kind === 'word' || before?.kind === 'ident') names.push(before.text);
    }
  }
  return names;
}

function openOf(tokens: readonly Token[], close: number): number {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    if (tokens[i]?.text === ')') depth++;
    else if (tokens[i]?.text === '(' && --depth === 0) return i;
  }
  return 0;
}

// FROM a [AS] x, b JOIN c y ON … | UPDATE t SET … | DELETE FROM t
function readTables(tokens: readonly Token[]): SqlTable[] {
  const first = tokens.findIndex(
    (t) => t.kind === 'word' && (t.upper === 'FROM' || t.upper === 'UPDATE'),
  );
  if (first < 0) return [];
  const tables: SqlTable[] = [];
  let expectTable = true;
  let depth = 0;
  for (let i = first + 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) continue;
    if (t.text === '(') depth++;
    if (t.text === ')') depth--;
    if (depth !== 0) continue;
    if (t.kind === 'word' && CLAUSE_KEYWORDS.has(t.upper)) break;
    if (t.text === ',' || (t.kind === 'word' && t.upper === 'JOIN')) {
      expectTable = true;
      continue;
    }
    if (expectTable && t.kind === 'subquery') {
      // A sub-select in FROM is a scope of its own; only its alias is skipped here.
      expectTable = false;
      const alias = tokens[i + 1]?.upper === 'AS' ? i + 2 : i + 1;
      const next = tokens[alias];
      if (next && (next.kind === 'ident' || (next.kind === 'word' && !NOT_ALIAS.has(next.upper)))) {
        i = alias;
      }
      continue;
    }
    if (!expectTable || (t.kind !== 'word' && t.kind !== 'ident') || NOT_ALIAS.has(t.upper))
      continue;
    expectTable = false;
    let name = t.text;
    let j = i + 1;
    if (tokens[j]?.text === '.' && tokens[j + 1]) {
      name = tokens[j + 1]?.text ?? name;
      j += 2;
    }
    if (tokens[j]?.upper === 'AS') j++;
    const aliasToken = tokens[j];
    const hasAlias =
      aliasToken !== undefined &&
      (aliasToken.kind === 'ident' ||
        (aliasToken.kind === 'word' && !NOT_ALIAS.has(aliasToken.upper)));
    tables.push({ name, alias: hasAlias ? aliasToken.text : name });
    i = hasAlias ? j : j - 1;
  }
  return tables;
}

const OPERATORS: Record<string, SqlComparison['class']> = {
  '=': 'equality',
  '==': 'equality',
  IS: 'equality',
  IN: 'equality',
  '<': 'range',
  '>': 'range',
  '<=': 'range',
  '>=': 'range',
  BETWEEN: 'range',
};

// Top-level AND conjuncts of WHERE that compare a column with something. A semi-join
// (`EXISTS (…)`) is not a condition on this scope's columns, so it is not counted as unread.
function readWhere(tokens: readonly Token[]): { where: SqlComparison[]; unreadConditions: number } {
  const where: SqlComparison[] = [];
  let unreadConditions = 0;
  const parts = splitAnd(tokens);
  if (tokens.length > 0 && parts.length === 0) unreadConditions++;
  for (const part of parts) {
    if (part.length === 0) continue;
    const c = readComparison(part);
    if (c) where.push(c);
    else if (!isExists(part)) unreadConditions++;
  }
  return { where, unreadConditions };
}

function isExists(tokens: readonly Token[]): boolean {
  const first = tokens[0]?.upper === 'NOT' ? tokens[1] : tokens[0];
  return first?.upper === 'EXISTS';
}

function splitAnd(tokens: readonly Token[]): Token[][] {
  const parts: Token[][] = [];
  let current: Token[] = [];
  let depth = 0;
  let between = false;
  for (const t of tokens) {
    if (t.text === '(') depth++;
    if (t.text === ')') depth--;
    if (depth === 0 && t.upper === 'OR' && t.kind === 'word') return [];
    if (depth === 0 && t.upper === 'BETWEEN') between = true;
    if (depth === 0 && t.upper === 'AND' && t.kind === 'word') {
      // The AND inside `BETWEEN a AND b` does not end the condition.
      if (between) {
        between = false;
      } else {
        parts.push(current);
        current = [];
        continue;
      }
    }
    current.push(t);
  }
  parts.push(current);
  return parts;
}

function readComparison(tokens: readonly Token[]): SqlComparison | undefined {
  const left = columnAt(tokens, 0);
  if (left) {
    const op = tokens[left.next];
    const cls = op ? OPERATORS[op.upper] : undefined;
    if (!op || !cls)
      return left.next < tokens.length ? { ...left.column, class: 'other' } : undefined;
    if (op.upper === 'IS') {
      const not = tokens[left.next + 1]?.upper === 'NOT';
      return { ...left.column, class: not ? 'other' : 'null' };
    }
    const other = columnAt(tokens, left.next + 1);
    return other && other.next === tokens.length
      ? { ...left.column, class: cls, other: other.column }
      : { ...left.column, class: cls };
  }
  // `5 < col`: a value first, then the column.
  const op = tokens[1];
  const right = columnAt(tokens, 2);
  if (
    tokens[0] &&
    tokens[0].kind !== 'word' &&
    op &&
    OPERATORS[op.upper] &&
    right &&
    right.next === tokens.length
  ) {
    return { ...right.column, class: OPERATORS[op.upper] ?? 'other' };
  }
  return undefined;
}

function columnAt(
  tokens: readonly Token[],
  i: number,
): { column: SqlColumn; next: number } | undefined {
  const a = tokens[i];
  if (
    !a ||
    (a.kind !== 'word' && a.kind !== 'ident') ||
    (a.kind === 'word' && a.upper in OPERATORS)
  ) {
    return undefined;
  }
  if (tokens[i + 1]?.text === '(') return undefined;
  const b = tokens[i + 2];
  if (tokens[i + 1]?.text === '.' && b && (b.kind === 'word' || b.kind === 'ident')) {
    return { column: { qualifier: a.text, column: b.text }, next: i + 3 };
  }
  return { column: { column: a.text }, next: i + 1 };
}

// `a, t.b DESC, c COLLATE nocase` → plain columns; stops at the first expression.
function readColumnList(tokens: readonly Token[]): (SqlColumn & { desc: boolean })[] {
  const out: (SqlColumn & { desc: boolean })[] = [];
  let i = 0;
  while (i < tokens.length) {
    const col = columnAt(tokens, i);
    if (!col) break;
    i = col.next;
    let desc = false;
    while (i < tokens.length && tokens[i]?.text !== ',') {
      const word = tokens[i]?.upper;
      if (word === 'DESC') desc = true;
      else if (
        !['ASC', 'NULLS', 'FIRST', 'LAST', 'COLLATE'].includes(word ?? '') &&
        tokens[i - 1]?.upper !== 'COLLATE'
      ) {
        return out;
      }
      i++;
    }
    out.push({ ...col.column, desc });
    i++;
  }
  return out;
}
