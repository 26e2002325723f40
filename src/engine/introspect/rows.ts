// Typed access to `QueryRows` cells, shared by the introspection adapters.
import type { Cell, QueryRows } from '../types';

export type Row = Record<string, Cell>;

/** Runs one SQL statement and returns its rows; `Engine.query` fits. */
export type QueryFn = (sql: string) => Promise<QueryRows>;

/** Turns column-ordered rows into objects keyed by column name. */
export function toObjects(result: QueryRows): Row[] {
  return result.rows.map((cells) => {
    const row: Row = {};
    result.columns.forEach((name, i) => (row[name] = cells[i] ?? null));
    return row;
  });
}

/** A text cell; numbers are turned into text, anything else becomes null. */
export function text(row: Row, name: string): string | null {
  const v = row[name];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
}

/** A numeric cell (SQLite flags are 0/1 integers); null when absent or not a number. */
export function int(row: Row, name: string): number | null {
  const v = row[name];
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  return null;
}

/** A 0/1 or boolean cell as a boolean. */
export function flag(row: Row, name: string): boolean {
  return (int(row, name) ?? 0) !== 0;
}
