// Measures of a finished layout, used to choose ELK options and to test the layout.
import { overlaps } from './route';
import type { Point, PositionedLayout } from './types';

interface Segment {
  a: Point;
  b: Point;
  edge: number;
}

function segments(layout: PositionedLayout): Segment[] {
  return layout.edges.flatMap((e, edge) =>
    e.points.slice(1).map((b, i) => ({ a: e.points[i] ?? b, b, edge })),
  );
}

/** Whether a horizontal and a vertical segment cross strictly inside both. */
function crosses(h: Segment, v: Segment): boolean {
  const [x1, x2] = [Math.min(h.a.x, h.b.x), Math.max(h.a.x, h.b.x)];
  const [y1, y2] = [Math.min(v.a.y, v.b.y), Math.max(v.a.y, v.b.y)];
  return v.a.x > x1 && v.a.x < x2 && h.a.y > y1 && h.a.y < y2;
}

/** Crossings between segments of different edges (orthogonal routes only). */
export function edgeCrossings(layout: PositionedLayout): number {
  const all = segments(layout);
  const horizontal = all.filter((s) => s.a.y === s.b.y && s.a.x !== s.b.x);
  const vertical = all.filter((s) => s.a.x === s.b.x && s.a.y !== s.b.y);
  let count = 0;
  for (const h of horizontal) {
    for (const v of vertical) if (h.edge !== v.edge && crosses(h, v)) count++;
  }
  return count;
}

/** Sum of all edge segment lengths. */
export function totalEdgeLength(layout: PositionedLayout): number {
  return segments(layout).reduce((n, s) => n + Math.hypot(s.b.x - s.a.x, s.b.y - s.a.y), 0);
}

/** Pairs of cards that overlap (should be 0). */
export function nodeOverlaps(layout: PositionedLayout): number {
  let count = 0;
  const nodes = layout.nodes;
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i];
      const b = nodes[j];
      if (a && b && overlaps(a, b)) count++;
    }
  }
  return count;
}

/** Width over height of the drawing (1 = square). */
export function aspectRatio(layout: PositionedLayout): number {
  return layout.height > 0 ? layout.width / layout.height : 0;
}
