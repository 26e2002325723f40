// Ports of functions and operators whose names differ between the engines. Each looks
// only at word tokens followed by `(`, so a column or a string with the same text stays.

import type { PortFn } from '../types';
import {
  applyEdits,
  closingParen,
  significantTokens,
  splitArgs,
  type Edit,
  type Tok,
} from '../sql-text';

type Dialect = 'postgres' | 'sqlite';

/** Renames each call `name(…)` for which `rename` returns a new name (arguments stay). */
function renameCalls(
  sql: string,
  dialect: Dialect,
  rename: (t: Tok, args: Tok[][]) => string | undefined,
): string | undefined {
  const toks = significantTokens(sql, dialect);
  const edits: Edit[] = [];
  toks.forEach((t, i) => {
    if (t.type !== 'word' || toks[i + 1]?.type !== 'open-paren' || toks[i - 1]?.text === '.')
      return;
    const text = rename(t, splitArgs(toks, i + 1));
    if (text !== undefined) edits.push({ from: t.from, to: t.to, text });
  });
  return edits.length ? applyEdits(sql, edits) : undefined;
}

const SQLITE_NOW: Record<string, string> = {
  date: 'CURRENT_DATE',
  datetime: 'LOCALTIMESTAMP(0)',
};

/**
 * The current time: Postgres `now()` → `CURRENT_TIMESTAMP`, which both engines know;
 * SQLite `date('now')` → `CURRENT_DATE` and `datetime('now')` → `LOCALTIMESTAMP(0)`.
 */
export const portNow: PortFn = (sql, from, to) => {
  if (from === to) return undefined;
  const toks = significantTokens(sql, from);
  const edits: Edit[] = [];
  toks.forEach((t, i) => {
    if (t.type !== 'word' || toks[i + 1]?.type !== 'open-paren') return;
    if (from === 'postgres' && t.lower === 'now' && toks[i + 2]?.type === 'close-paren') {
      edits.push({ from: t.from, to: (toks[i + 2] as Tok).to, text: 'CURRENT_TIMESTAMP' });
    }
    if (
      from === 'sqlite' &&
      toks[i + 2]?.lower === "'now'" &&
      toks[i + 3]?.type === 'close-paren'
    ) {
      const text = SQLITE_NOW[t.lower];
      if (text) edits.push({ from: t.from, to: (toks[i + 3] as Tok).to, text });
    }
  });
  return edits.length ? applyEdits(sql, edits) : undefined;
};

/** `ILIKE` → `LIKE`: SQLite's LIKE already ignores case, for ASCII letters. */
export const portIlike: PortFn = (sql, from, to) => {
  if (from !== 'postgres' || to !== 'sqlite') return undefined;
  const edits = significantTokens(sql, 'postgres')
    .filter((t) => t.type === 'word' && t.lower === 'ilike')
    .map((t) => ({ from: t.from, to: t.to, text: 'LIKE' }));
  return edits.length ? applyEdits(sql, edits) : undefined;
};

/** `ifnull(a, b)` → `coalesce(a, b)`. */
export const portIfnull: PortFn = (sql, from, to) =>
  from === 'sqlite' && to === 'postgres'
    ? renameCalls(sql, 'sqlite', (t) => (t.lower === 'ifnull' ? 'coalesce' : undefined))
    : undefined;

/** `typeof(x)` ↔ `pg_typeof(x)`; the two name types differently, but both answer. */
export const portTypeof: PortFn = (sql, from, to) => {
  if (from === to) return undefined;
  const [name, target] = to === 'postgres' ? ['typeof', 'pg_typeof'] : ['pg_typeof', 'typeof'];
  return renameCalls(sql, from, (t) => (t.lower === name ? target : undefined));
};

/**
 * Scalar `max(a, b)` / `min(a, b)` (SQLite) ↔ `greatest` / `least` (Postgres). Calls with one
 * argument are the aggregates and stay.
 */
export const portScalarMinMax: PortFn = (sql, from, to) => {
  if (from === to) return undefined;
  const names: Record<string, string> =
    to === 'postgres' ? { max: 'greatest', min: 'least' } : { greatest: 'max', least: 'min' };
  return renameCalls(sql, from, (t, args) => (args.length >= 2 ? names[t.lower] : undefined));
};

/**
 * `group_concat(x [, sep] [ORDER BY …])` → `string_agg(CAST(x AS text), sep …)`: Postgres'
 * string_agg needs text and has no default separator.
 */
export const portGroupConcat: PortFn = (sql, from, to) => {
  if (from !== 'sqlite' || to !== 'postgres') return undefined;
  const toks = significantTokens(sql, 'sqlite');
  const edits: Edit[] = [];
  toks.forEach((t, i) => {
    if (t.lower !== 'group_concat' || toks[i + 1]?.type !== 'open-paren') return;
    const close = closingParen(toks, i + 1);
    const args = splitArgs(toks, i + 1);
    if (close < 0 || args.length < 1 || args.length > 2) return;
    const depth = (toks[i + 1] as Tok).depth + 1;
    const last = args[args.length - 1] as Tok[];
    const orderAt = last.findIndex(
      (x, k) => x.depth === depth && x.lower === 'order' && last[k + 1]?.lower === 'by',
    );
    const orderText =
      orderAt >= 0
        ? ' ' + sql.slice((last[orderAt] as Tok).from, (last[last.length - 1] as Tok).to)
        : '';
    if (orderAt >= 0) args[args.length - 1] = last.slice(0, orderAt);
    const [value, sep] = args;
    if (!value || value.length === 0) return;
    const distinct = value[0]?.lower === 'distinct' ? 'DISTINCT ' : '';
    const body = distinct ? value.slice(1) : value;
    if (body.length === 0) return;
    const text = (part: Tok[]): string =>
      sql.slice((part[0] as Tok).from, (part[part.length - 1] as Tok).to);
    const sepText = sep && sep.length > 0 ? text(sep) : "','";
    edits.push({
      from: t.from,
      to: (toks[close] as Tok).to,
      text: `string_agg(${distinct}CAST(${text(body)} AS text), ${sepText}${orderText})`,
    });
  });
  return edits.length ? applyEdits(sql, edits) : undefined;
};
