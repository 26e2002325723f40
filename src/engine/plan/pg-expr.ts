// Reads the conditions Postgres prints in `Filter:`, `Join Filter:` and friends, e.g.
// `((status = 'paid'::text) AND (lower(email) = 'a@b.c'::text))`, far enough to tell
// which columns are compared, how, and whether a function or cast wraps the column.
// Postgres deparses every operator expression in parentheses with spaces around the
// operator, which is what makes a small hand-written reader enough.

import { unquote } from './labels';

/** A column as printed, `alias.column` or `column`, unquoted. */
export interface ColumnRef {
  readonly column: string;
  readonly qualifier?: string;
}

/** One side of a comparison. */
export type Operand =
  | { readonly kind: 'column'; readonly ref: ColumnRef }
  /** A column inside a function call or cast: `lower(email)`, `(created_at)::date`. */
  | {
      readonly kind: 'expression';
      readonly ref: ColumnRef;
      readonly text: string;
      readonly fn?: string;
      readonly castType?: string;
    }
  /** A literal, parameter or sub-plan output: `42`, `'x'::text`, `$1`, `(InitPlan 1).col1`. */
  | { readonly kind: 'value'; readonly text: string };

/** How an index could use a comparison: equality first, then one range column. */
export type ConditionClass = 'equality' | 'range' | 'null' | 'other';

export interface Condition {
  readonly left: Operand;
  readonly operator: string;
  readonly right: Operand;
  readonly class: ConditionClass;
  readonly text: string;
}

export interface ParsedConditions {
  readonly conditions: readonly Condition[];
  /** True when the top level is an OR, which one b-tree index cannot serve. */
  readonly hasOr: boolean;
}

const IDENT = String.raw`(?:"(?:[^"]|"")+"|[a-zA-Z_][\w$]*)`;
const COLUMN = new RegExp(String.raw`^(?:(${IDENT})\.)?(${IDENT})$`);
const CAST = /^\((.+)\)::([\w ".[\]]+)$/;
const CALL = new RegExp(String.raw`^(${IDENT})\((.*)\)$`);
const EXTRACT = /^EXTRACT\((\w+) FROM (.+)\)$/i;
const WORDS = new Set(['true', 'false', 'null', 'current_date', 'current_timestamp', 'now']);

/** Splits a condition at its top-level ANDs and reads each comparison it can. */
export function parseConditions(expression: string): ParsedConditions {
  const body = stripParens(expression.trim());
  const hasOr = splitTopLevel(body, ' OR ').length > 1;
  if (hasOr) return { conditions: [], hasOr };
  const conditions: Condition[] = [];
  for (const part of splitTopLevel(body, ' AND ')) {
    const condition = parseCondition(stripParens(part));
    if (condition) conditions.push(condition);
  }
  return { conditions, hasOr };
}

function parseCondition(text: string): Condition | undefined {
  const isNull = /^(.+?) IS (NOT )?NULL$/.exec(text);
  if (isNull?.[1]) {
    const operator = isNull[2] ? 'IS NOT NULL' : 'IS NULL';
    const left = parseOperand(isNull[1]);
    const nullClass: ConditionClass = isNull[2] ? 'other' : 'null';
    return { left, operator, right: { kind: 'value', text: 'NULL' }, class: nullClass, text };
  }
  const split = splitOperator(text);
  if (!split) return undefined;
  const [leftText, operator, rightText] = split;
  return {
    left: parseOperand(leftText),
    operator,
    right: parseOperand(rightText),
    class: classify(operator),
    text,
  };
}

// `a = ANY ('{1,2}'::integer[])` (what `a IN (1, 2)` becomes) is an equality too.
function classify(operator: string): ConditionClass {
  if (operator === '=') return 'equality';
  if (['<', '>', '<=', '>='].includes(operator)) return 'range';
  return 'other';
}

/** Reads one side of a comparison as a column, a wrapped column, or a value. */
export function parseOperand(raw: string): Operand {
  const text = raw.trim();
  if (/^ANY \(.*\)$/.test(text)) return { kind: 'value', text };
  const column = columnRef(text);
  if (column) return { kind: 'column', ref: column };
  const cast = CAST.exec(text);
  if (cast?.[1] && cast[2]) {
    const inner = parseOperand(cast[1]);
    if (inner.kind === 'column') {
      return { kind: 'expression', ref: inner.ref, text, castType: cast[2].trim() };
    }
    if (inner.kind === 'expression') return { ...inner, text, castType: cast[2].trim() };
    return { kind: 'value', text };
  }
  const extract = EXTRACT.exec(text);
  if (extract?.[2]) {
    const inner = parseOperand(extract[2]);
    if (inner.kind !== 'value') return { kind: 'expression', ref: inner.ref, text, fn: 'extract' };
  }
  const call = CALL.exec(text);
  if (call?.[1] && call[2] !== undefined) {
    const args = splitTopLevel(call[2], ', ').map(parseOperand);
    const columns = args.filter((a) => a.kind !== 'value');
    const only = columns[0];
    if (columns.length === 1 && only) {
      return { kind: 'expression', ref: only.ref, text, fn: unquote(call[1]).toLowerCase() };
    }
  }
  return { kind: 'value', text };
}

function columnRef(text: string): ColumnRef | undefined {
  const m = COLUMN.exec(text);
  if (!m?.[2]) return undefined;
  const column = unquote(m[2]);
  if (!m[1] && !m[2].startsWith('"') && WORDS.has(column.toLowerCase())) return undefined;
  return m[1] ? { column, qualifier: unquote(m[1]) } : { column };
}

/** Removes parentheses that wrap the whole text, as often as they do. */
export function stripParens(text: string): string {
  let current = text.trim();
  while (
    current.startsWith('(') &&
    current.endsWith(')') &&
    closingOf(current, 0) === current.length - 1
  ) {
    current = current.slice(1, -1).trim();
  }
  return current;
}

// Index of the parenthesis that closes the one at `open`, honouring quotes.
function closingOf(text: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === '(') {
      depth++;
    } else if (ch === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Splits at a separator that is outside parentheses, brackets and quotes. */
export function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === '(' || ch === '[') {
      depth++;
    } else if (ch === ')' || ch === ']') {
      depth--;
    } else if (depth === 0 && text.startsWith(separator, i)) {
      parts.push(text.slice(start, i));
      start = i + separator.length;
      i += separator.length - 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

// Finds the first operator at the top level; Postgres prints binary operators with a space
// on each side (`a = 1`, `name ~~ 'x%'::text`), which tells them from casts (`::`).
function splitOperator(text: string): [string, string, string] | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quote) {
      if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (depth === 0 && ch === ' ') {
      const m = /^ ([=<>!~*@#%^&|?+\-/]+) /.exec(text.slice(i));
      if (m?.[1]) return [text.slice(0, i), m[1], text.slice(i + m[0].length)];
    }
  }
  return undefined;
}

/** True when the operand is a column (plain or wrapped) of the relation known by `alias`. */
export function belongsTo(operand: Operand, alias: string | undefined, relation?: string): boolean {
  if (operand.kind === 'value') return false;
  const q = operand.ref.qualifier;
  return q === undefined || q === alias || q === relation;
}
