// Turns the differences of one aligned statement into marks on each side's result grid:
// which cells, columns, header cells and rows to highlight, each with the sentence that
// explains it (shown as a tooltip and read by screen readers).

import type { Difference, EntryHit, Explanation } from '../../compare';
import type { DifferenceKind } from '../../compare';
import type { EngineId } from '../../engine/types';
import { ENGINE_LABELS } from '../../engine/types';

/** Height of one grid row in pixels; both grids and "show row" scrolling use it. */
export const GRID_ROW_HEIGHT = 24;

export interface GridMarks {
  /** Row → column → note, for cells whose values differ. */
  cells: Map<number, Map<number, string>>;
  /** Columns whose values are equal but typed differently. */
  typeColumns: Map<number, string>;
  /** Header cells that differ (name, or the column count). */
  headers: Map<number, string>;
  /** Every header differs (a different number of columns). */
  allHeaders: string | undefined;
  /** Rows from this index on exist only on this side. */
  extraFrom: number | undefined;
  extraNote: string;
  /** The first row that is out of place. */
  orderRow: number | undefined;
  orderNote: string;
  /** The column whose NULLs sort differently. */
  nullColumn: number | undefined;
  nullNote: string;
}

export function emptyMarks(): GridMarks {
  return {
    cells: new Map(),
    typeColumns: new Map(),
    headers: new Map(),
    allHeaders: undefined,
    extraFrom: undefined,
    extraNote: '',
    orderRow: undefined,
    orderNote: '',
    nullColumn: undefined,
    nullNote: '',
  };
}

/** The marks one side's grid shows for `differences`. */
export function marksFor(differences: readonly Difference[], engine: EngineId): GridMarks {
  const m = emptyMarks();
  for (const d of differences) {
    switch (d.kind) {
      case 'value':
        if (d.row !== undefined && d.column !== undefined) {
          const row = m.cells.get(d.row) ?? new Map<number, string>();
          row.set(d.column, d.note);
          m.cells.set(d.row, row);
        }
        break;
      case 'type':
        if (d.column !== undefined) m.typeColumns.set(d.column, d.note);
        break;
      case 'columns':
        if (d.column !== undefined) m.headers.set(d.column, d.note);
        else m.allHeaders = d.note;
        break;
      case 'row-count': {
        const mine = d.counts?.[engine] ?? 0;
        const other = d.counts?.[engine === 'postgres' ? 'sqlite' : 'postgres'] ?? 0;
        if (mine > other) {
          m.extraFrom = other;
          m.extraNote = `Only ${ENGINE_LABELS[engine]} returned this row. ${d.note}`;
        }
        break;
      }
      case 'order':
        m.orderRow = d.row;
        m.orderNote = d.note;
        break;
      case 'null-order':
        m.nullColumn = d.column;
        m.nullNote = d.note;
        break;
      default:
        break;
    }
  }
  return m;
}

/** The first result row a difference points at, to scroll both grids there. */
export function differenceRow(d: Difference): number | undefined {
  if (d.kind === 'value' || d.kind === 'type' || d.kind === 'order') return d.row;
  if (d.kind === 'row-count' && d.counts) return Math.min(d.counts.postgres, d.counts.sqlite);
  return undefined;
}

export const KIND_LABELS: Record<DifferenceKind, string> = {
  missing: 'Ran on one engine only',
  'one-side-error': 'Fails on one engine only',
  columns: 'Different columns',
  'row-count': 'Different number of rows',
  'rows-affected': 'Different number of rows changed',
  value: 'Different values',
  type: 'Same values, different types',
  order: 'Same rows, different order',
  'null-order': 'NULLs sorted to the other end',
};

/** Differences of one statement that share a kind (and failing engine), explained once. */
export interface DifferenceGroup {
  key: string;
  kind: DifferenceKind;
  label: string;
  differences: Difference[];
  /** Catalogue entries, best first; the same for the whole group (matching is by kind). */
  matches: EntryHit[];
}

/** Groups a statement's explanations by kind, in the order the differences came. */
export function groupDifferences(explanations: readonly Explanation[]): DifferenceGroup[] {
  const groups = new Map<string, DifferenceGroup>();
  for (const e of explanations) {
    const d = e.difference;
    const key = `${d.kind}:${d.engine ?? ''}`;
    const group = groups.get(key);
    if (group) group.differences.push(d);
    else {
      const label =
        d.kind === 'one-side-error' && d.engine
          ? `Fails on ${ENGINE_LABELS[d.engine]} only`
          : d.kind === 'missing' && d.engine
            ? `Ran on ${ENGINE_LABELS[d.engine]} only`
            : KIND_LABELS[d.kind];
      groups.set(key, { key, kind: d.kind, label, differences: [d], matches: e.matches });
    }
  }
  return [...groups.values()];
}
