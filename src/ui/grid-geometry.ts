// Geometry shared by the virtualised grids (results, and each side in compare mode): column
// widths, the CSS grid template, and which rows are in the DOM for a scroll position.
import type { Cell, ResultColumn } from '../engine/types';
import { columnWidth } from './format';

export interface GridColumns {
  /** `grid-template-columns` for every row: the row-number column, then each column. */
  template: string;
  /** Width of all columns together, in pixels. */
  totalWidth: number;
}

export function gridColumns(
  columns: readonly ResultColumn[],
  rows: readonly Cell[][],
): GridColumns {
  const widths = columns.map((c, i) => columnWidth(c, rows, i));
  const numberWidth = Math.max(40, String(rows.length).length * 8 + 18);
  return {
    template: `${numberWidth}px ${widths.map((w) => `${w}px`).join(' ')}`,
    totalWidth: numberWidth + widths.reduce((a, b) => a + b, 0),
  };
}

/** Rows `[start, end)` to put in the DOM: those in view plus `overscan` above and below. */
export function visibleRows(
  scrollTop: number,
  viewport: number,
  rowCount: number,
  rowHeight: number,
  overscan: number,
): { start: number; end: number } {
  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(rowCount, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  return { start, end };
}
