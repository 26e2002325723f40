// Edge routes and free-space search used when some cards are pinned: ELK cannot keep exact
// positions, so pinned cards stay put, new cards go into the nearest free space, and every
// edge gets a simple orthogonal route between the two column rows.
import { anchorY } from './graph';
import type { EdgeInfo, Point, PositionedEdge, PositionedNode, RowMetrics } from './types';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Whether two rectangles overlap once each is grown by `gap` on every side. */
export function overlaps(a: Rect, b: Rect, gap = 0): boolean {
  return (
    a.x < b.x + b.width + gap &&
    b.x < a.x + a.width + gap &&
    a.y < b.y + b.height + gap &&
    b.y < a.y + a.height + gap
  );
}

/** Bounding box of rectangles, or null for none. */
export function boundsOf(rects: readonly Rect[]): Rect | null {
  if (rects.length === 0) return null;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const r of rects) {
    minX = Math.min(minX, r.x);
    minY = Math.min(minY, r.y);
    maxX = Math.max(maxX, r.x + r.width);
    maxY = Math.max(maxY, r.y + r.height);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/**
 * The free spot for a `width`×`height` box nearest to `anchor` (its wished top-left), searched
 * on rings of a grid around it so a new table lands next to the tables it references.
 */
export function findFreeSpot(
  anchor: Point,
  width: number,
  height: number,
  obstacles: readonly Rect[],
  gap: number,
): Point {
  const step = Math.max(20, gap);
  const free = (x: number, y: number): boolean =>
    !obstacles.some((o) => overlaps({ x, y, width, height }, o, gap));
  if (free(anchor.x, anchor.y)) return anchor;
  const all = boundsOf(obstacles);
  // Beyond this many rings the box fits right of everything anyway.
  const maxRing = all ? Math.ceil((all.width + all.height + width + height) / step) + 1 : 1;
  for (let ring = 1; ring <= maxRing; ring++) {
    let best: Point | null = null;
    let bestDist = Infinity;
    for (let i = -ring; i <= ring; i++) {
      for (const [dx, dy] of [
        [i, -ring],
        [i, ring],
        [-ring, i],
        [ring, i],
      ] as const) {
        const x = anchor.x + dx * step;
        const y = anchor.y + dy * step;
        const dist = dx * dx + dy * dy;
        if (dist < bestDist && free(x, y)) {
          best = { x, y };
          bestDist = dist;
        }
      }
    }
    if (best) return best;
  }
  return { x: (all ? all.x + all.width : anchor.x) + gap, y: anchor.y };
}

/**
 * An orthogonal route between two column rows: east → west when the parent is to the right,
 * west → east when it is to the left, and around the right side when the cards overlap in x.
 */
export function routeEdge(
  edge: EdgeInfo,
  from: PositionedNode & { columns: string[] },
  to: PositionedNode & { columns: string[] },
  rows: RowMetrics,
  lane: number,
): PositionedEdge {
  const sy = from.y + anchorY(edge, from.columns, edge.fromColumn, rows);
  const ty = to.y + anchorY(edge, to.columns, edge.toColumn, rows);
  const margin = 20 + (lane % 5) * 6;
  let points: Point[];
  if (to.x >= from.x + from.width + 2 * margin) {
    const mx = (from.x + from.width + to.x) / 2;
    points = [
      { x: from.x + from.width, y: sy },
      { x: mx, y: sy },
      { x: mx, y: ty },
      { x: to.x, y: ty },
    ];
  } else if (to.x + to.width + 2 * margin <= from.x) {
    const mx = (to.x + to.width + from.x) / 2;
    points = [
      { x: from.x, y: sy },
      { x: mx, y: sy },
      { x: mx, y: ty },
      { x: to.x + to.width, y: ty },
    ];
  } else {
    const x = Math.max(from.x + from.width, to.x + to.width) + margin;
    points = [
      { x: from.x + from.width, y: sy },
      { x, y: sy },
      { x, y: ty },
      { x: to.x + to.width, y: ty },
    ];
  }
  const { id, kind, fromKey, fromColumn, toKey, toColumn, foreignKeyIndex } = edge;
  return { id, kind, fromKey, fromColumn, toKey, toColumn, foreignKeyIndex, points };
}
