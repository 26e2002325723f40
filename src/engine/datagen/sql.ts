// Dialect pieces shared by the value builders: quoting, per-row hashes and index picks.
// Every value is derived from the row number `n` (unique values) or from a per-column hash
// of it (everything else), so a statement is one set-based INSERT … SELECT.
import type { EngineId } from '../types';

/** Always quotes, so reserved words, mixed case and embedded quotes all survive. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `"schema"."table"`; SQLite accepts `"main"."t"` just as Postgres accepts `"public"."t"`. */
export function quoteTable(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** A standard SQL string literal (both engines double the quote). */
export function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** The hash range: values are in [0, HASH_MAX), 31 bits so products stay inside 64 bits. */
export const HASH_MAX = 2147483648;

/**
 * Per-row hash sources. Postgres hashes the row number with `hashint8extended` and a seed
 * per column (deterministic, no state); SQLite has no hash function, so its row CTE carries
 * one `random()` column per hash (computed once per row, so a hash can be read twice).
 */
export class HashSource {
  private next = 0;
  /** SQLite: the extra CTE columns, e.g. `random() & 2147483647 AS h3`. */
  readonly sqliteColumns: string[] = [];

  constructor(
    readonly engine: EngineId,
    private readonly seed: number,
  ) {}

  /** A fresh hash expression in [0, HASH_MAX), independent of the others. */
  hash(): string {
    const i = this.next++;
    if (this.engine === 'postgres') {
      return `(hashint8extended(n, ${this.seed + i * 7919}) & 2147483647)`;
    }
    this.sqliteColumns.push(`h${i}`);
    return `h${i}`;
  }
}

/** `0 <= pick < count`, uniform; `count` may be SQL (a parent count known only at run time). */
export function uniformIndex(hash: string, count: number | string): string {
  return count === 1 ? '0' : `(${hash} % ${count})`;
}

/**
 * `0 <= pick < count`, heavy-headed: the row's uniform draw r in (0, 1] becomes
 * floor(1 / r²) - 1, a discrete Pareto (Zipf-like, s = 1.5). Index 0 gets ~29% of the rows,
 * index 1 ~13%, index 2 ~8%, then a long tail, so the top values land in the MCV list.
 * Integer-only, so no pow() and the same text works in both engines.
 */
export function skewedIndex(hash: string, count: number | string): string {
  if (count === 1) return '0';
  const r = `(1 + ${hash} % 1000000)`;
  return `((1000000000000 / (${r} * ${r}) - 1) % ${count})`;
}

/** Picks an index with or without skew. */
export function pickIndex(hash: string, count: number | string, skew: boolean): string {
  return skew ? skewedIndex(hash, count) : uniformIndex(hash, count);
}

/** Formats an integer for SQL (negative values in parentheses so `- -1` never appears). */
export function intLiteral(value: number | bigint): string {
  const text = String(value);
  return text.startsWith('-') ? `(${text})` : text;
}

/** A small deterministic hash of a string (FNV-1a), for per-table seeds. */
export function stringSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 1_000_000;
}

/** Row count with thousands separators, for descriptions. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}
