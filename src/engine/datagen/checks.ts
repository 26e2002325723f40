// Reads the simple shapes of CHECK constraints so generated values satisfy them by
// construction: bounds (`qty > 0`, `BETWEEN`), lists (`IN (…)`, Postgres' `= ANY (ARRAY[…])`)
// and lengths (`length(code) <= 5`). Anything else is reported as not understood; the
// statement builder then filters rows by the original expression instead.
import { closingParen, isKeyword, isPunct, tokenize, type Token } from '../introspect/sql-tokens';

export interface Bound {
  value: number;
  /** `>` / `<` rather than `>=` / `<=`. */
  strict: boolean;
}

/** One allowed value of an `IN` list: its SQL literal and, for numbers, its value. */
export interface ListValue {
  sql: string;
  number: number | null;
}

export interface ColumnRules {
  lower: Bound | null;
  upper: Bound | null;
  allowed: ListValue[] | null;
  minLength: number | null;
  maxLength: number | null;
}

export interface CheckReading {
  /** Rules by column name. */
  rules: Map<string, ColumnRules>;
  /** Every part of the expression was read (so no filtering is needed). */
  understood: boolean;
}

/** Resolves a token to the column it names, or null. */
export type ColumnResolver = (token: Token) => string | null;

/** Rules that allow anything (no CHECK read yet). */
export function emptyRules(): ColumnRules {
  return { lower: null, upper: null, allowed: null, minLength: null, maxLength: null };
}

const CAST_WORDS = new Set(['VARYING', 'PRECISION', 'WITH', 'WITHOUT', 'TIME', 'ZONE']);
const LENGTH_FUNCTIONS = new Set(['LENGTH', 'CHAR_LENGTH', 'CHARACTER_LENGTH']);
const FLIP: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=' };

/**
 * The shared tokenizer reads `[…]` as an SQLite quoted name; in Postgres brackets are array
 * syntax (`ARRAY['a', 'b']`), so there they are split back into punctuation and contents.
 */
function tokens(sql: string, brackets: 'quote' | 'array'): Token[] {
  const out: Token[] = [];
  for (const t of tokenize(sql)) {
    if (brackets === 'quote' || t.kind !== 'ident' || !t.text.startsWith('[')) {
      out.push(t);
      continue;
    }
    const punct = (at: number, text: string): Token => ({
      kind: 'punct',
      text,
      value: text,
      start: at,
      end: at + 1,
    });
    out.push(punct(t.start, '['));
    const inner = t.text.endsWith(']') ? t.text.slice(1, -1) : t.text.slice(1);
    for (const i of tokens(inner, brackets)) {
      out.push({ ...i, start: i.start + t.start + 1, end: i.end + t.start + 1 });
    }
    if (t.text.endsWith(']')) out.push(punct(t.end - 1, ']'));
  }
  return out;
}

/** Drops `::type` casts, e.g. `'a'::character varying` or `(ARRAY[…])::text[]`. */
function stripCasts(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!(isPunct(tokens[i], ':') && isPunct(tokens[i + 1], ':'))) {
      out.push(tokens[i] as Token);
      continue;
    }
    i += 2; // the type's first word
    while (
      tokens[i + 1]?.kind === 'word' &&
      CAST_WORDS.has(tokens[i + 1]?.text.toUpperCase() ?? '')
    )
      i++;
    if (isPunct(tokens[i + 1], '(')) i = closingParen(tokens, i + 1);
    while (isPunct(tokens[i + 1], '[') && isPunct(tokens[i + 2], ']')) i += 2;
  }
  return out;
}

/** Removes parentheses around the whole list and around single tokens. */
function unwrap(tokens: Token[]): Token[] {
  let list = tokens;
  while (isPunct(list[0], '(') && closingParen(list, 0) === list.length - 1)
    list = list.slice(1, -1);
  const out: Token[] = [];
  for (let i = 0; i < list.length; i++) {
    if (isPunct(list[i], '(') && isPunct(list[i + 2], ')') && list[i + 1]?.kind !== 'punct') {
      // Keep call parentheses: `length(x)` must stay a call.
      if (out[out.length - 1]?.kind !== 'word') {
        out.push(list[i + 1] as Token);
        i += 2;
        continue;
      }
    }
    out.push(list[i] as Token);
  }
  return out;
}

/** Splits at top-level keywords (AND / OR); the AND of `BETWEEN a AND b` is not a split. */
function splitTop(tokens: Token[], word: 'AND' | 'OR'): Token[][] {
  const parts: Token[][] = [];
  let depth = 0;
  let start = 0;
  let between = false;
  tokens.forEach((t, i) => {
    if (isPunct(t, '(') || isPunct(t, '[')) depth++;
    else if (isPunct(t, ')') || isPunct(t, ']')) depth--;
    else if (depth === 0 && isKeyword(t, 'BETWEEN')) between = true;
    else if (depth === 0 && isKeyword(t, word)) {
      if (word === 'AND' && between) between = false;
      else {
        parts.push(tokens.slice(start, i));
        start = i + 1;
      }
    }
  });
  parts.push(tokens.slice(start));
  return parts;
}

/** A number token, `-` number, or a string holding a number (`'-5'::integer`). */
function numberAt(tokens: Token[], i: number): { value: number; next: number } | null {
  const t = tokens[i];
  const sign = isPunct(t, '-') ? -1 : isPunct(t, '+') ? 1 : 0;
  const n = sign !== 0 ? tokens[i + 1] : t;
  if (n?.kind === 'number' || (sign === 0 && n?.kind === 'string')) {
    const raw = n.kind === 'string' ? n.text.slice(1, -1) : n.text.replace(/_/g, '');
    const value = Number(raw) * (sign === -1 ? -1 : 1);
    if (raw.trim() !== '' && Number.isFinite(value)) return { value, next: i + (sign ? 2 : 1) };
  }
  return null;
}

/** Literals of `( a, b )` or `[ a, b ]` starting at the opening token. */
function literalList(tokens: Token[], open: number, close: string): ListValue[] | null {
  const values: ListValue[] = [];
  let i = open + 1;
  while (i < tokens.length && !isPunct(tokens[i], close)) {
    const num = numberAt(tokens, i);
    const t = tokens[i];
    if (num && t?.kind !== 'string') {
      values.push({ sql: String(num.value), number: num.value });
      i = num.next;
    } else if (t?.kind === 'string') {
      values.push({ sql: t.text, number: null });
      i++;
    } else return null;
    if (isPunct(tokens[i], ',')) i++;
    else if (!isPunct(tokens[i], close)) return null;
  }
  return values.length > 0 && i === tokens.length - 1 ? values : null;
}

function addBound(rules: ColumnRules, op: string, value: number): boolean {
  if (op === '>' || op === '>=') rules.lower = { value, strict: op === '>' };
  else if (op === '<' || op === '<=') rules.upper = { value, strict: op === '<' };
  else if (op === '=') rules.allowed = [{ sql: String(value), number: value }];
  else return false;
  return true;
}

/** `length(col) <= 5` or `5 >= char_length(col)`, with the operator put column-first. */
function lengthShape(
  tokens: Token[],
  resolve: ColumnResolver,
): { column: string; op: string; value: number } | null {
  const callAt = (i: number): string | null =>
    tokens[i]?.kind === 'word' &&
    LENGTH_FUNCTIONS.has(tokens[i]?.text.toUpperCase() ?? '') &&
    isPunct(tokens[i + 1], '(') &&
    isPunct(tokens[i + 3], ')')
      ? resolve(tokens[i + 2] as Token)
      : null;
  const column = callAt(0);
  if (column) {
    const num = numberAt(tokens, 5);
    const op = tokens[4]?.text ?? '';
    return num && num.next === tokens.length && op in FLIP
      ? { column, op, value: num.value }
      : null;
  }
  const num = numberAt(tokens, 0);
  const op = num ? FLIP[tokens[num.next]?.text ?? ''] : undefined;
  const after = num ? callAt(num.next + 1) : null;
  return num && op && after && num.next + 5 === tokens.length
    ? { column: after, op, value: num.value }
    : null;
}

/** Reads one conjunct into `rules`; false when its shape is not one of the known ones. */
function readConjunct(
  tokens: Token[],
  resolve: ColumnResolver,
  all: Map<string, ColumnRules>,
): boolean {
  const rulesOf = (column: string): ColumnRules => {
    let r = all.get(column);
    if (!r) all.set(column, (r = emptyRules()));
    return r;
  };
  const [a, b] = tokens;
  const col = a ? resolve(a) : null;
  if (col && isKeyword(b, 'IS') && isKeyword(tokens[2], 'NOT') && isKeyword(tokens[3], 'NULL')) {
    return tokens.length === 4;
  }
  if (col && b?.kind === 'punct' && tokens.length === 3 && tokens[2]?.text === "''") {
    return b.text === '<>' || b.text === '!='; // our text is never empty
  }
  if (col && b?.kind === 'punct') {
    const num = numberAt(tokens, 2);
    if (num && num.next === tokens.length) return addBound(rulesOf(col), b.text, num.value);
  }
  if (col && isKeyword(b, 'BETWEEN')) {
    const lo = numberAt(tokens, 2);
    const hi = lo && isKeyword(tokens[lo.next], 'AND') ? numberAt(tokens, lo.next + 1) : null;
    if (!lo || !hi || hi.next !== tokens.length) return false;
    const r = rulesOf(col);
    r.lower = { value: lo.value, strict: false };
    r.upper = { value: hi.value, strict: false };
    return true;
  }
  if (col && isKeyword(b, 'IN') && isPunct(tokens[2], '(')) {
    const values = literalList(tokens, 2, ')');
    if (values) rulesOf(col).allowed = values;
    return values !== null;
  }
  if (col && isPunct(b, '=') && isKeyword(tokens[2], 'ANY')) {
    const open = tokens.findIndex((t, i) => i > 2 && isPunct(t, '['));
    const close = tokens.findIndex((t, i) => i > open && isPunct(t, ']'));
    const values =
      open > 0 && close > 0 ? literalList(tokens.slice(0, close + 1), open, ']') : null;
    if (values) rulesOf(col).allowed = values;
    return values !== null;
  }
  const length = lengthShape(tokens, resolve);
  if (length) {
    const r = rulesOf(length.column);
    const v = length.value;
    if (length.op === '<' || length.op === '<=') r.maxLength = length.op === '<' ? v - 1 : v;
    else if (length.op === '>' || length.op === '>=') r.minLength = length.op === '>' ? v + 1 : v;
    else r.minLength = r.maxLength = v;
    return true;
  }
  // 0 < qty
  const first = numberAt(tokens, 0);
  const flipped = first ? FLIP[tokens[first.next]?.text ?? ''] : undefined;
  const other = first ? tokens[first.next + 1] : undefined;
  const c = other ? resolve(other) : null;
  if (first && flipped && c && first.next + 2 === tokens.length) {
    return addBound(rulesOf(c), flipped, first.value);
  }
  return false;
}

/**
 * Reads a CHECK expression (as Postgres prints it or as SQLite stores it) into per-column
 * rules. `x IS NULL OR <shape>` counts as `<shape>`: a value that meets it passes either way.
 */
export function readCheck(
  expression: string,
  resolve: ColumnResolver,
  brackets: 'quote' | 'array' = 'quote',
): CheckReading {
  const rules = new Map<string, ColumnRules>();
  let understood = true;
  const visit = (tokens: Token[]): void => {
    for (const part of splitTop(unwrap(tokens), 'AND')) {
      const conjunct = unwrap(part);
      const options = splitTop(conjunct, 'OR').map(unwrap);
      const kept = options.filter(
        (o) =>
          !(
            o.length === 3 &&
            resolve(o[0] as Token) &&
            isKeyword(o[1], 'IS') &&
            isKeyword(o[2], 'NULL')
          ),
      );
      if (kept.length === 1 && options.length > 1) visit(kept[0] as Token[]);
      else if (options.length > 1) understood = false;
      else if (splitTop(conjunct, 'AND').length > 1) visit(conjunct);
      else if (!readConjunct(conjunct, resolve, rules)) understood = false;
    }
  };
  visit(stripCasts(tokens(expression, brackets)));
  return { rules, understood };
}

/** Replaces the word `VALUE` of a domain CHECK with the column, for use as a row filter. */
export function substituteValue(expression: string, columnSql: string): string {
  let out = '';
  let at = 0;
  for (const t of tokenize(expression)) {
    if (isKeyword(t, 'VALUE')) {
      out += expression.slice(at, t.start) + columnSql;
      at = t.end;
    }
  }
  return out + expression.slice(at);
}

/** Intersects two rule sets (every CHECK must hold, so the tighter bound wins). */
export function mergeRules(a: ColumnRules, b: ColumnRules): ColumnRules {
  const tighter = (x: Bound | null, y: Bound | null, pickHigher: boolean): Bound | null => {
    if (!x || !y) return x ?? y;
    if (x.value !== y.value) return x.value > y.value === pickHigher ? x : y;
    return x.strict ? x : y;
  };
  const allowed =
    a.allowed && b.allowed
      ? a.allowed.filter((v) => b.allowed?.some((w) => w.sql === v.sql))
      : (a.allowed ?? b.allowed);
  const min = (x: number | null, y: number | null): number | null =>
    x === null ? y : y === null ? x : Math.min(x, y);
  const max = (x: number | null, y: number | null): number | null =>
    x === null ? y : y === null ? x : Math.max(x, y);
  return {
    lower: tighter(a.lower, b.lower, true),
    upper: tighter(a.upper, b.upper, false),
    allowed,
    minLength: max(a.minLength, b.minLength),
    maxLength: min(a.maxLength, b.maxLength),
  };
}
