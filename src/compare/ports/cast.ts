// Postgres `x::type` → `CAST(x AS type)`. The operand is found on tokens: a literal, a
// (qualified) name, a function call or a parenthesised expression, since `::` binds
// tighter than any other operator. A `'::'` inside a string is a string, not a cast.

import type { PortFn } from '../types';
import {
  adjacent,
  applyEdits,
  closingParen,
  openingParen,
  significantTokens,
  type Tok,
} from '../sql-text';

/** Words before `(` that start a clause or an operand, not a function call. */
const NOT_FUNCTIONS = new Set([
  'select',
  'where',
  'and',
  'or',
  'not',
  'in',
  'on',
  'when',
  'then',
  'else',
  'from',
  'values',
  'by',
  'as',
  'exists',
  'any',
  'all',
  'some',
  'having',
  'using',
  'returning',
  'set',
  'is',
  'like',
  'ilike',
  'between',
  'case',
  'return',
  'with',
  'over',
  'filter',
  'within',
  'into',
]);

/** Second words of Postgres' multi-word type names. */
const TYPE_TAILS: Record<string, string[][]> = {
  double: [['precision']],
  character: [['varying']],
  bit: [['varying']],
  timestamp: [
    ['with', 'time', 'zone'],
    ['without', 'time', 'zone'],
  ],
  time: [
    ['with', 'time', 'zone'],
    ['without', 'time', 'zone'],
  ],
};

/**
 * SQLite gives a type name an affinity, so `CAST('2024-05-01' AS date)` keeps only the
 * leading number, 2024. Date, time and JSON values go through SQLite's functions instead.
 */
const SQLITE_FUNCTION_FOR: Record<string, string> = {
  date: 'date',
  timestamp: 'datetime',
  timestamptz: 'datetime',
  'timestamp with time zone': 'datetime',
  'timestamp without time zone': 'datetime',
  time: 'time',
  timetz: 'time',
  'time with time zone': 'time',
  'time without time zone': 'time',
  json: 'json',
  jsonb: 'json',
};

function isName(t: Tok | undefined): boolean {
  return t?.type === 'word' || t?.type === 'quoted-ident';
}

/** Index of the first token of the operand that ends at `end`, or -1. */
function operandStart(toks: Tok[], end: number): number {
  const last = toks[end];
  if (!last) return -1;
  let start = end;
  if (last.type === 'close-paren' || last.text === ']') {
    start = last.type === 'close-paren' ? openingParen(toks, end) : bracketOpen(toks, end);
    if (start < 0) return -1;
    const before = toks[start - 1];
    if (isName(before) && !NOT_FUNCTIONS.has(before?.lower ?? '')) start--;
  } else if (!['word', 'quoted-ident', 'string', 'number', 'param'].includes(last.type)) {
    return -1;
  }
  // Qualified names and calls: schema.table.column, pg_catalog.now().
  while (toks[start - 1]?.text === '.' && isName(toks[start - 2])) start -= 2;
  return start;
}

function bracketOpen(toks: Tok[], close: number): number {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    const t = toks[i] as Tok;
    if (t.text === ']') depth++;
    else if (t.text === '[' && --depth === 0) return i;
  }
  return -1;
}

/** Index of the last token of the type name that starts at `start`. */
function typeEnd(toks: Tok[], start: number): number {
  let i = start;
  if (!isName(toks[i])) return -1;
  while (toks[i + 1]?.text === '.' && isName(toks[i + 2])) i += 2;
  for (const tail of TYPE_TAILS[toks[i]?.lower ?? ''] ?? []) {
    if (tail.every((w, k) => toks[i + 1 + k]?.lower === w)) {
      i += tail.length;
      break;
    }
  }
  if (toks[i + 1]?.type === 'open-paren') i = closingParen(toks, i + 1);
  if (i < 0) return -1;
  while (toks[i + 1]?.text === '[') {
    const close = toks.findIndex((t, k) => k > i && t.text === ']');
    if (close < 0) break;
    i = close;
  }
  return i;
}

/** Rewrites the first `::` cast, or returns undefined when there is none it can read. */
function portFirstCast(sql: string, to: 'postgres' | 'sqlite'): string | undefined {
  const toks = significantTokens(sql, 'postgres');
  for (let i = 1; i < toks.length - 2; i++) {
    const a = toks[i] as Tok;
    const b = toks[i + 1] as Tok;
    if (a.text !== ':' || b.text !== ':' || !adjacent(a, b)) continue;
    const start = operandStart(toks, i - 1);
    const end = typeEnd(toks, i + 2);
    if (start < 0 || end < 0) return undefined;
    const operand = sql.slice((toks[start] as Tok).from, (toks[i - 1] as Tok).to);
    const typeText = sql.slice((toks[i + 2] as Tok).from, (toks[end] as Tok).to);
    // `timestamp(0) with time zone` → key `timestamp with time zone`; arrays keep CAST.
    const typeToks = toks.slice(i + 2, end + 1);
    const key = typeToks
      .filter((t) => t.type === 'word' && t.depth === a.depth)
      .map((t) => t.lower);
    const isArray = typeToks.some((t) => t.text === '[');
    const fn = to === 'sqlite' && !isArray ? SQLITE_FUNCTION_FOR[key.join(' ')] : undefined;
    const text = fn ? `${fn}(${operand})` : `CAST(${operand} AS ${typeText})`;
    return applyEdits(sql, [{ from: (toks[start] as Tok).from, to: (toks[end] as Tok).to, text }]);
  }
  return undefined;
}

/** Postgres-only `::` casts → standard CAST (or SQLite's date/JSON functions). */
export const portCast: PortFn = (sql, from, to) => {
  if (from !== 'postgres' || to !== 'sqlite') return undefined;
  let out = sql;
  // Chained casts (`x::text::int`) need one pass each; the bound guards against a loop.
  for (let pass = 0; pass < 50; pass++) {
    const next = portFirstCast(out, to);
    if (next === undefined) break;
    out = next;
  }
  return out === sql ? undefined : out;
};
