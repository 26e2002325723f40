import { describe, expect, it } from 'vitest';
import type { ResultColumn } from '../../../src/engine/types';
import { gridColumns, visibleRows } from '../../../src/ui/grid-geometry';

describe('grid geometry', () => {
  it('puts only the rows in view, plus the overscan, in the DOM', () => {
    expect(visibleRows(0, 260, 100_000, 26, 12)).toEqual({ start: 0, end: 22 });
    // Scrolled to row 1,000: rows 988 … 1,021 (10 in view + 12 either side).
    expect(visibleRows(26_000, 260, 100_000, 26, 12)).toEqual({ start: 988, end: 1022 });
    // Never past the last row.
    expect(visibleRows(2_599_740, 260, 100_000, 26, 12)).toEqual({ start: 99_978, end: 100_000 });
  });

  it('sizes the row-number column by the row count and sums every width', () => {
    const columns: ResultColumn[] = [
      { name: 'id', type: 'int4', kind: 'number' },
      { name: 'name', type: 'text', kind: 'text' },
    ];
    const few = gridColumns(columns, [[1, 'a']]);
    const many = gridColumns(
      columns,
      Array.from({ length: 100_000 }, (_, i) => [i, 'a']),
    );
    const widths = (t: string) => t.split(' ').map((w) => Number.parseFloat(w));
    expect(widths(few.template)[0]).toBe(40);
    expect(widths(many.template)[0]).toBe(6 * 8 + 18);
    for (const g of [few, many]) {
      expect(widths(g.template)).toHaveLength(3);
      expect(widths(g.template).reduce((a, b) => a + b, 0)).toBe(g.totalWidth);
    }
  });
});
