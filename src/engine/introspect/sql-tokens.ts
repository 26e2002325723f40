// A small SQLite tokenizer and helpers for walking token lists. SQLite keeps CHECK
// constraints, generated-column expressions, partial-index predicates and trigger headers
// only in the CREATE text, so the adapter reads them from there; a tokenizer (not a regex)
// keeps quotes, comments and nested parentheses from confusing it.

export type TokenKind = 'word' | 'ident' | 'string' | 'number' | 'punct';

export interface Token {
  kind: TokenKind;
  /** Source text of the token. */
  text: string;
  /** Unquoted identifier for `word`/`ident`; the text otherwise. */
  value: string;
  /** Offsets into the source, `end` exclusive. */
  start: number;
  end: number;
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const OPERATORS = ['->>', '||', '<<', '>>', '<=', '>=', '<>', '!=', '==', '->'];

/** Scans up to the closing `close`, where a doubled closer is an escaped one. */
function quotedEnd(sql: string, from: number, close: string): number {
  let i = from + 1;
  while (i < sql.length) {
    if (sql[i] === close) {
      if (close !== ']' && sql[i + 1] === close) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
}

/** Splits SQL into tokens, dropping whitespace and comments. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, end: number, value?: string): void => {
    const text = sql.slice(i, end);
    tokens.push({ kind, text, value: value ?? text, start: i, end });
    i = end;
  };
  while (i < sql.length) {
    const c = sql[i] ?? '';
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else if (c === "'") {
      push('string', quotedEnd(sql, i, "'"));
    } else if (c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c;
      const end = quotedEnd(sql, i, close);
      const inner = sql.slice(i + 1, end - 1);
      push('ident', end, close === ']' ? inner : inner.split(close + close).join(close));
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      const m = /^(?:0x[0-9a-f]+|[0-9_]*\.?[0-9_]*(?:e[+-]?[0-9_]+)?)/i.exec(sql.slice(i));
      push('number', i + Math.max(1, m?.[0].length ?? 1));
    } else if (WORD_START.test(c)) {
      let end = i + 1;
      while (end < sql.length && WORD_PART.test(sql[end] ?? '')) end++;
      push('word', end);
    } else {
      const op = OPERATORS.find((o) => sql.startsWith(o, i));
      push('punct', i + (op?.length ?? 1));
    }
  }
  return tokens;
}

/** Whether the token is the given keyword (case-insensitive, unquoted words only). */
export function isKeyword(token: Token | undefined, ...words: string[]): boolean {
  return token?.kind === 'word' && words.includes(token.text.toUpperCase());
}

export function isPunct(token: Token | undefined, text: string): boolean {
  return token?.kind === 'punct' && token.text === text;
}

/** Index of the `)` that closes the `(` at `open`, or the end of the list when unbalanced. */
export function closingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isPunct(tokens[i], '(')) depth++;
    else if (isPunct(tokens[i], ')') && --depth === 0) return i;
  }
  return tokens.length;
}

/** Splits `tokens[from, to)` at top-level commas into `[start, end)` ranges. */
export function splitTopLevel(
  tokens: readonly Token[],
  from: number,
  to: number,
): [number, number][] {
  const parts: [number, number][] = [];
  let depth = 0;
  let start = from;
  for (let i = from; i < to; i++) {
    if (isPunct(tokens[i], '(')) depth++;
    else if (isPunct(tokens[i], ')')) depth--;
    else if (depth === 0 && isPunct(tokens[i], ',')) {
      parts.push([start, i]);
      start = i + 1;
    }
  }
  if (start < to) parts.push([start, to]);
  return parts;
}

/** Index of the first top-level token in `[from, to)` that is one of the keywords, or -1. */
export function findTopLevel(
  tokens: readonly Token[],
  from: number,
  to: number,
  ...words: string[]
): number {
  let depth = 0;
  for (let i = from; i < to; i++) {
    if (isPunct(tokens[i], '(')) depth++;
    else if (isPunct(tokens[i], ')')) depth--;
    else if (depth === 0 && isKeyword(tokens[i], ...words)) return i;
  }
  return -1;
}

/** The source text that tokens `[from, to)` span, comments inside included. */
export function sourceOf(sql: string, tokens: readonly Token[], from: number, to: number): string {
  const first = tokens[from];
  const last = tokens[to - 1];
  return first && last && to > from ? sql.slice(first.start, last.end) : '';
}

/** Names of a parenthesised column list like `(a, "b" COLLATE nocase DESC)`: first token each. */
export function columnList(tokens: readonly Token[], open: number): string[] {
  const close = closingParen(tokens, open);
  return splitTopLevel(tokens, open + 1, close).map(([s]) => tokens[s]?.value ?? '');
}
