// Ports of statement-level syntax that one engine lacks: TRUNCATE, EXPLAIN variants,
// CONCURRENTLY, BEGIN modes, INSERT OR IGNORE and non-standard identifier quotes.

import type { PortFn } from '../types';
import { applyEdits, closingParen, significantTokens, type Tok } from '../sql-text';

/** `TRUNCATE [TABLE] [ONLY] name` → `DELETE FROM name` (one table, no CASCADE/RESTART). */
export const portTruncate: PortFn = (sql, from, to) => {
  if (from !== 'postgres' || to !== 'sqlite') return undefined;
  const toks = significantTokens(sql, 'postgres');
  if (toks[0]?.lower !== 'truncate') return undefined;
  let i = 1;
  if (toks[i]?.lower === 'table') i++;
  if (toks[i]?.lower === 'only') i++;
  const nameFrom = toks[i];
  if (!nameFrom) return undefined;
  let end = i;
  while (toks[end + 1]?.text === '.' && toks[end + 2]) end += 2;
  const rest = toks.slice(end + 1).map((t) => t.lower);
  // CONTINUE IDENTITY and RESTRICT are the defaults, so they change nothing.
  const harmless = rest.join(' ');
  if (
    rest.length > 0 &&
    !['continue identity', 'restrict', 'continue identity restrict'].includes(harmless)
  ) {
    return undefined;
  }
  const name = sql.slice(nameFrom.from, (toks[end] as Tok).to);
  return `DELETE FROM ${name}`;
};

/**
 * Plans: Postgres `EXPLAIN [ANALYZE] …` / `EXPLAIN (…) …` → SQLite `EXPLAIN QUERY PLAN …`
 * (SQLite's bare EXPLAIN lists bytecode instead), and back.
 */
export const portExplain: PortFn = (sql, from, to) => {
  if (from === to) return undefined;
  const toks = significantTokens(sql, from);
  if (toks[0]?.lower !== 'explain') return undefined;
  if (to === 'postgres') {
    if (toks[1]?.lower !== 'query' || toks[2]?.lower !== 'plan' || !toks[3]) return undefined;
    return applyEdits(sql, [{ from: toks[0].from, to: toks[3].from, text: 'EXPLAIN ' }]);
  }
  if (toks[1]?.lower === 'query') return undefined;
  let i = 1;
  if (toks[1]?.type === 'open-paren') i = closingParen(toks, 1) + 1;
  else while (['analyze', 'analyse', 'verbose'].includes(toks[i]?.lower ?? '')) i++;
  const body = toks[i];
  if (i <= 0 || !body) return undefined;
  return applyEdits(sql, [{ from: toks[0].from, to: body.from, text: 'EXPLAIN QUERY PLAN ' }]);
};

/** `CREATE INDEX CONCURRENTLY` → `CREATE INDEX`: SQLite builds every index in one go. */
export const portConcurrently: PortFn = (sql, from, to) => {
  if (from !== 'postgres' || to !== 'sqlite') return undefined;
  const toks = significantTokens(sql, 'postgres');
  if (toks[0]?.lower !== 'create' && toks[0]?.lower !== 'drop') return undefined;
  const at = toks.findIndex((t, i) => i < 4 && t.lower === 'concurrently');
  if (at < 0 || !toks.slice(0, at).some((t) => t.lower === 'index')) return undefined;
  const prev = toks[at - 1] as Tok;
  return applyEdits(sql, [{ from: prev.to, to: (toks[at] as Tok).to, text: '' }]);
};

/** SQLite `BEGIN IMMEDIATE|EXCLUSIVE|DEFERRED` → `BEGIN`. */
export const portBeginMode: PortFn = (sql, from, to) => {
  if (from !== 'sqlite' || to !== 'postgres') return undefined;
  const toks = significantTokens(sql, 'sqlite');
  const mode = toks[1];
  if (toks[0]?.lower !== 'begin' || !mode) return undefined;
  if (!['immediate', 'exclusive', 'deferred'].includes(mode.lower)) return undefined;
  return applyEdits(sql, [{ from: toks[0].to, to: mode.to, text: '' }]);
};

/** SQLite `INSERT OR IGNORE INTO …` → `INSERT INTO … ON CONFLICT DO NOTHING`. */
export const portInsertOrIgnore: PortFn = (sql, from, to) => {
  if (from !== 'sqlite' || to !== 'postgres') return undefined;
  const toks = significantTokens(sql, 'sqlite');
  if (toks[0]?.lower !== 'insert' || toks[1]?.lower !== 'or' || toks[2]?.lower !== 'ignore') {
    return undefined;
  }
  if (toks.some((t) => t.depth === 0 && t.lower === 'conflict')) return undefined;
  const returning = toks.find((t) => t.depth === 0 && t.lower === 'returning');
  const last = toks[toks.length - 1] as Tok;
  const clause = returning
    ? { from: returning.from, to: returning.from, text: 'ON CONFLICT DO NOTHING ' }
    : { from: last.to, to: last.to, text: ' ON CONFLICT DO NOTHING' };
  return applyEdits(sql, [{ from: toks[0].to, to: toks[2].to, text: '' }, clause]);
};

/** SQLite's `` `name` `` and `[name]` → standard `"name"`. */
export const portIdentifierQuotes: PortFn = (sql, from, to) => {
  if (from !== 'sqlite' || to !== 'postgres') return undefined;
  const edits = significantTokens(sql, 'sqlite')
    .filter((t) => t.type === 'quoted-ident' && (t.text[0] === '`' || t.text[0] === '['))
    .map((t) => {
      const inner =
        t.text[0] === '`' ? t.text.slice(1, -1).replace(/``/g, '`') : t.text.slice(1, -1);
      return { from: t.from, to: t.to, text: `"${inner.replace(/"/g, '""')}"` };
    });
  return edits.length ? applyEdits(sql, edits) : undefined;
};
