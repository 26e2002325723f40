// Reading statements with the lexer, so that keywords inside string literals, quoted names
// and comments never count: `select 'order by'` has no ORDER BY, `'::'` is no cast.

import { tokenize, isTrivia, type Dialect, type TokenType } from '../engine/lexer';
import { commandTag, leadingWords } from '../engine/command';

/** A token that carries meaning, with its text and the parenthesis depth it sits at. */
export interface Tok {
  type: TokenType;
  from: number;
  to: number;
  text: string;
  /** Lower-case text, for keyword comparisons. */
  lower: string;
  /** Nesting depth of `(` around the token; a `(` has the depth outside it. */
  depth: number;
}

/** The statement's tokens without whitespace and comments. */
export function significantTokens(sql: string, dialect: Dialect): Tok[] {
  const out: Tok[] = [];
  let depth = 0;
  for (const t of tokenize(sql, dialect)) {
    if (isTrivia(t)) continue;
    if (t.type === 'close-paren') depth = Math.max(0, depth - 1);
    const text = sql.slice(t.from, t.to);
    out.push({ type: t.type, from: t.from, to: t.to, text, lower: text.toLowerCase(), depth });
    if (t.type === 'open-paren') depth++;
  }
  return out;
}

/**
 * The statement with string literals and comments replaced by spaces (same length), so a
 * pattern such as `/\bILIKE\b/i` only finds SQL, never text the user typed in quotes.
 */
export function blankLiterals(sql: string, dialect: Dialect): string {
  let out = '';
  for (const t of tokenize(sql, dialect)) {
    const text = sql.slice(t.from, t.to);
    const blank = t.type === 'string' || t.type === 'dollar-string' || t.type === 'comment';
    out += blank ? text.replace(/[^\n]/g, ' ') : text;
  }
  return out;
}

/** What the statement does, by its leading keywords: `CREATE TABLE`, `INSERT`, `SELECT`. */
export function statementKind(sql: string, dialect: Dialect): string {
  const words = leadingWords(sql, 6, dialect);
  return commandTag(words[0] ?? '', words);
}

/**
 * True when the statement sorts its final result: an ORDER BY outside parentheses. Window
 * definitions and subqueries sort only inside themselves.
 */
export function hasOrderBy(sql: string, dialect: Dialect): boolean {
  const toks = significantTokens(sql, dialect);
  return toks.some((t, i) => t.depth === 0 && t.lower === 'order' && toks[i + 1]?.lower === 'by');
}

/** Whether `a` is followed directly by `b` (no space), e.g. the two characters of `::`. */
export function adjacent(a: Tok | undefined, b: Tok | undefined): boolean {
  return a !== undefined && b !== undefined && a.to === b.from;
}

export interface Edit {
  from: number;
  to: number;
  text: string;
}

/** Applies non-overlapping replacements to `sql`. */
export function applyEdits(sql: string, edits: Edit[]): string {
  let out = sql;
  for (const e of [...edits].sort((a, b) => b.from - a.from)) {
    out = out.slice(0, e.from) + e.text + out.slice(e.to);
  }
  return out;
}

/** Index of the `)` that closes the `(` at `open`, or -1. */
export function closingParen(toks: Tok[], open: number): number {
  const depth = toks[open]?.depth;
  for (let i = open + 1; i < toks.length; i++) {
    const t = toks[i] as Tok;
    if (t.type === 'close-paren' && t.depth === depth) return i;
  }
  return -1;
}

/** Index of the `(` that opens the `)` at `close`, or -1. */
export function openingParen(toks: Tok[], close: number): number {
  const depth = toks[close]?.depth;
  for (let i = close - 1; i >= 0; i--) {
    const t = toks[i] as Tok;
    if (t.type === 'open-paren' && t.depth === depth) return i;
  }
  return -1;
}

/** Splits the tokens between `open` and its closing paren at top-level commas. */
export function splitArgs(toks: Tok[], open: number): Tok[][] {
  const close = closingParen(toks, open);
  if (close < 0) return [];
  const inner = (toks[open] as Tok).depth + 1;
  const args: Tok[][] = [[]];
  for (let i = open + 1; i < close; i++) {
    const t = toks[i] as Tok;
    if (t.depth === inner && t.type === 'operator' && t.text === ',') args.push([]);
    else args[args.length - 1]?.push(t);
  }
  return args.length === 1 && args[0]?.length === 0 ? [] : args;
}
