// Compares what one statement did on Postgres and on SQLite: outcome, result columns, row
// count, row order, cell values and types. Values are compared with the rules in
// normalise.ts; every difference says where it is (row, column) and what it is.

import type { Cell, EngineId, StatementResult, ValueKind } from '../engine/types';
import { ENGINE_LABELS } from '../engine/types';
import type { DifferenceKind } from './types';
import { relateCells, rowKey } from './normalise';
import { hasOrderBy } from './sql-text';

export interface Difference {
  kind: DifferenceKind;
  /** Row of the result (0-based); for `order`, the first row that is out of place. */
  row?: number;
  /** Column of the result (0-based). */
  column?: number;
  /** The two cells, for `value` and `type` (the first such cell for `type`). */
  values?: Record<EngineId, Cell>;
  /** Row counts, column counts or rows affected, per engine. */
  counts?: Record<EngineId, number>;
  /** Column names, for `columns`. */
  names?: Record<EngineId, string>;
  /** For `type`: how many cells of the column differ only in type. */
  cells?: number;
  /** For `order`: whether the statement has an ORDER BY of its own. */
  orderSpecified?: boolean;
  /** The engine the statement failed or ran on, for `one-side-error` and `missing`. */
  engine?: EngineId;
  /** One sentence for the UI. */
  note: string;
}

/** At most this many `value` differences are listed per statement; the rest are counted. */
export const MAX_CELL_DIFFERENCES = 100;

const PG = ENGINE_LABELS.postgres;
const LITE = ENGINE_LABELS.sqlite;

/** Every difference between one statement's results on the two engines. */
export function diffStatement(
  pg: StatementResult,
  lite: StatementResult,
): { differences: Difference[]; omitted: number } {
  const none = { differences: [], omitted: 0 };
  if (pg.status === 'error' && lite.status === 'ok') {
    return { differences: [oneSideError('postgres', pg)], omitted: 0 };
  }
  if (lite.status === 'error' && pg.status === 'ok') {
    return { differences: [oneSideError('sqlite', lite)], omitted: 0 };
  }
  // Both failed, or one was skipped (meta-command) or cancelled: nothing to compare.
  if (pg.status !== 'ok' || lite.status !== 'ok') return none;

  const out: Difference[] = [];
  if (
    pg.rowsAffected !== null &&
    lite.rowsAffected !== null &&
    pg.rowsAffected !== lite.rowsAffected
  ) {
    out.push({
      kind: 'rows-affected',
      counts: { postgres: pg.rowsAffected, sqlite: lite.rowsAffected },
      note: `Changed ${pg.rowsAffected} row(s) on ${PG} and ${lite.rowsAffected} on ${LITE}.`,
    });
  }
  const pgRows = pg.columns.length > 0;
  const liteRows = lite.columns.length > 0;
  // A statement may describe columns without returning rows (SQLite reports some for
  // ALTER TABLE): only a result with rows on one side counts as a difference.
  if (pgRows !== liteRows) {
    const side = pgRows ? pg : lite;
    if (side.rowCount > 0) out.push(columnCount(pg, lite));
    return { differences: out, omitted: 0 };
  }
  if (!pgRows) return { differences: out, omitted: 0 };
  if (pg.columns.length !== lite.columns.length) {
    out.push(columnCount(pg, lite));
    return { differences: out, omitted: 0 };
  }
  pg.columns.forEach((c, i) => {
    const other = lite.columns[i]?.name ?? '';
    if (c.name !== other) {
      out.push({
        kind: 'columns',
        column: i,
        names: { postgres: c.name, sqlite: other },
        note: `Column ${i + 1} is named "${c.name}" on ${PG} and "${other}" on ${LITE}.`,
      });
    }
  });
  if (pg.rowCount !== lite.rowCount) {
    out.push({
      kind: 'row-count',
      counts: { postgres: pg.rowCount, sqlite: lite.rowCount },
      note: `${PG} returned ${pg.rowCount} row(s), ${LITE} ${lite.rowCount}.`,
    });
    return { differences: out, omitted: 0 };
  }
  const cells = diffRows(pg, lite);
  return { differences: [...out, ...cells.differences], omitted: cells.omitted };
}

function oneSideError(engine: EngineId, failed: StatementResult): Difference {
  const other = engine === 'postgres' ? LITE : PG;
  return {
    kind: 'one-side-error',
    engine,
    note: `Fails on ${ENGINE_LABELS[engine]} only (${failed.error?.message ?? 'error'}); ${other} accepts it.`,
  };
}

function columnCount(pg: StatementResult, lite: StatementResult): Difference {
  return {
    kind: 'columns',
    counts: { postgres: pg.columns.length, sqlite: lite.columns.length },
    note: `${PG} returned ${pg.columns.length} column(s), ${LITE} ${lite.columns.length}.`,
  };
}

interface Side {
  rows: Cell[][];
  kinds: ValueKind[];
}

/** Same number of rows and columns: order, values and types. */
function diffRows(
  pg: StatementResult,
  lite: StatementResult,
): { differences: Difference[]; omitted: number } {
  const a: Side = { rows: pg.rows, kinds: pg.columns.map((c) => c.kind) };
  const b: Side = { rows: lite.rows, kinds: lite.columns.map((c) => c.kind) };
  const positional = compareCells(a, b);
  if (positional.values.length === 0) return { differences: positional.types, omitted: 0 };

  const keysA = a.rows.map((r) => rowKey(r, a.kinds));
  const keysB = b.rows.map((r) => rowKey(r, b.kinds));
  if (sameMultiset(keysA, keysB)) {
    // Same rows in another order: types are compared between matching rows.
    const sortedA = sortByKey(a, keysA);
    const sortedB = sortByKey(b, keysB);
    const types = compareCells(sortedA, sortedB).types;
    const ordered = hasOrderBy(pg.sql, 'postgres') || hasOrderBy(lite.sql, 'sqlite');
    // Without ORDER BY any order is allowed, so a NULL pattern would be a coincidence.
    const order =
      (ordered ? nullOrder(a, b, keysA, keysB) : undefined) ?? plainOrder(keysA, keysB, ordered);
    return { differences: [order, ...types], omitted: 0 };
  }
  const listed = positional.values.slice(0, MAX_CELL_DIFFERENCES);
  return {
    differences: [...listed, ...positional.types],
    omitted: positional.values.length - listed.length,
  };
}

/** Cell-by-cell comparison of rows in the same position. */
function compareCells(a: Side, b: Side): { values: Difference[]; types: Difference[] } {
  const values: Difference[] = [];
  const typeByColumn = new Map<number, Difference>();
  a.rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      const other = b.rows[r]?.[c] ?? null;
      const rel = relateCells(cell, a.kinds[c] ?? 'other', other, b.kinds[c] ?? 'other');
      if (rel === 'different') {
        values.push({
          kind: 'value',
          row: r,
          column: c,
          values: { postgres: cell, sqlite: other },
          note: `Row ${r + 1}, column ${c + 1}: ${show(cell)} on ${PG}, ${show(other)} on ${LITE}.`,
        });
      } else if (rel === 'type') {
        const seen = typeByColumn.get(c);
        if (seen) seen.cells = (seen.cells ?? 0) + 1;
        else
          typeByColumn.set(c, {
            kind: 'type',
            row: r,
            column: c,
            cells: 1,
            values: { postgres: cell, sqlite: other },
            note: '',
          });
      }
    });
  });
  const types = [...typeByColumn.values()].map((d) => ({
    ...d,
    note: `Column ${(d.column ?? 0) + 1} holds equal values of different types, e.g. ${show(d.values?.postgres ?? null)} on ${PG} and ${show(d.values?.sqlite ?? null)} on ${LITE} (${d.cells} cell(s)).`,
  }));
  return { values, types };
}

function sameMultiset(a: string[], b: string[]): boolean {
  const sortedA = [...a].sort();
  const sortedB = [...b].sort();
  return sortedA.every((k, i) => k === sortedB[i]);
}

function sortByKey(side: Side, keys: string[]): Side {
  const order = keys
    .map((k, i) => [k, i] as const)
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return { rows: order.map(([, i]) => side.rows[i] as Cell[]), kinds: side.kinds };
}

/**
 * The rows agree except that the rows with NULL in some column come first on one engine and
 * last on the other: the engines' default NULL ordering.
 */
function nullOrder(a: Side, b: Side, keysA: string[], keysB: string[]): Difference | undefined {
  const columns = a.rows[0]?.length ?? 0;
  for (let c = 0; c < columns; c++) {
    const nullsA = a.rows.map((r) => r[c] === null);
    const nullsB = b.rows.map((r) => r[c] === null);
    const count = nullsA.filter(Boolean).length;
    if (count === 0 || count === a.rows.length) continue;
    const restA = keysA.filter((_, i) => !nullsA[i]);
    const restB = keysB.filter((_, i) => !nullsB[i]);
    if (restA.some((k, i) => k !== restB[i])) continue;
    const first = (nulls: boolean[]): boolean => nulls.slice(0, count).every(Boolean);
    const last = (nulls: boolean[]): boolean => nulls.slice(nulls.length - count).every(Boolean);
    const pgLast = last(nullsA) && first(nullsB);
    const pgFirst = first(nullsA) && last(nullsB);
    if (!pgLast && !pgFirst) continue;
    return {
      kind: 'null-order',
      column: c,
      note: `Same rows, but NULLs in column ${c + 1} come ${pgLast ? 'last' : 'first'} on ${PG} and ${pgLast ? 'first' : 'last'} on ${LITE}.`,
    };
  }
  return undefined;
}

function plainOrder(keysA: string[], keysB: string[], orderSpecified: boolean): Difference {
  const row = keysA.findIndex((k, i) => k !== keysB[i]);
  return {
    kind: 'order',
    row,
    orderSpecified,
    note: orderSpecified
      ? `Same rows in a different order from row ${row + 1}: the ORDER BY leaves some rows tied, or the engines sort these values differently.`
      : `Same rows in a different order from row ${row + 1}. The statement has no ORDER BY, so neither order is promised.`,
  };
}

function show(cell: Cell): string {
  if (cell === null) return 'NULL';
  if (cell instanceof Uint8Array) return `${cell.length} byte(s)`;
  if (typeof cell === 'string')
    return JSON.stringify(cell.length > 40 ? `${cell.slice(0, 39)}…` : cell);
  return String(cell);
}
