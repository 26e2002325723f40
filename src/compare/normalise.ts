// When two cells from different engines hold "the same" value. Each engine reports values
// its own way, so cells are compared through a canonical form:
//
// - NULL equals only NULL.
// - Booleans are the numbers 1 and 0 (Postgres true = SQLite 1).
// - Numbers compare as JavaScript numbers (-0 = 0). Text in a numeric column (Postgres
//   numeric and big int8 arrive as text, e.g. '1.50') is read as a number; other text
//   equals a number only when it is exactly that number's shortest form ('2' = 2).
// - Timestamps compare as 'YYYY-MM-DD HH:MM:SS[.fff]': 'T' or space between date and
//   time, missing seconds are :00, trailing zeros of fractions and a UTC offset
//   (+00, +00:00, Z) are dropped. Other offsets are kept as written.
// - JSON objects and arrays compare by content (key order and spacing ignored).
// - Binary values compare byte by byte.
//
// Cells whose raw values differ but whose canonical forms agree differ only in type.

import type { Cell, ValueKind } from '../engine/types';

export type CellRelation = 'same' | 'type' | 'different';

const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]00(?::?00)?)?$/;

/** Canonical text of a cell, for equality and for sorting rows into multisets. */
export function canonical(cell: Cell, kind: ValueKind): string {
  if (cell === null) return 'null';
  if (typeof cell === 'boolean') return cell ? 'n:1' : 'n:0';
  if (typeof cell === 'number') return `n:${Object.is(cell, -0) ? 0 : cell}`;
  if (cell instanceof Uint8Array)
    return `b:${[...cell].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
  if (DECIMAL.test(cell)) {
    const n = Number(cell);
    if (kind === 'number' || String(n) === cell) return `n:${Object.is(n, -0) ? 0 : n}`;
  }
  const ts = TIMESTAMP.exec(cell);
  if (ts) {
    const fraction = (ts[4] ?? '').replace(/\.?0+$/, '');
    return `t:${ts[1]} ${ts[2]}:${ts[3] ?? '00'}${fraction}`;
  }
  const json = canonicalJson(cell, kind);
  return json ?? `s:${cell}`;
}

/** How two cells relate: identical, equal after normalisation (type only), or different. */
export function relateCells(a: Cell, aKind: ValueKind, b: Cell, bKind: ValueKind): CellRelation {
  if (rawEqual(a, b)) return 'same';
  return canonical(a, aKind) === canonical(b, bKind) ? 'type' : 'different';
}

function rawEqual(a: Cell, b: Cell): boolean {
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return (
      a instanceof Uint8Array &&
      b instanceof Uint8Array &&
      a.length === b.length &&
      a.every((v, i) => v === b[i])
    );
  }
  return Object.is(a, b) || (a === 0 && b === 0);
}

function canonicalJson(text: string, kind: ValueKind): string | undefined {
  const first = text.trimStart()[0];
  if (kind !== 'json' && first !== '{' && first !== '[') return undefined;
  try {
    return `j:${stableStringify(JSON.parse(text) as unknown)}`;
  } catch {
    return undefined;
  }
}

/** JSON text with object keys sorted, so `{"b":1,"a":2}` equals `{"a": 2, "b": 1}`. */
function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The canonical key of a whole row, for multiset comparison. */
export function rowKey(row: readonly Cell[], kinds: readonly ValueKind[]): string {
  return JSON.stringify(row.map((cell, i) => canonical(cell, kinds[i] ?? 'other')));
}
