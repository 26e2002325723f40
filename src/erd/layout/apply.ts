// Turns ELK's answer into the positioned model the diagram draws, and places new cards
// around pinned ones.
import type { ElkNode } from 'elkjs/lib/elk-api';
import { boundsOf, findFreeSpot, routeEdge, type Rect } from './route';
import type {
  CardInfo,
  LayoutGraph,
  Point,
  PositionedEdge,
  PositionedLayout,
  PositionedNode,
} from './types';

/** Size of the drawing: every card and edge point, with the origin kept at 0,0. */
function extent(
  nodes: PositionedNode[],
  edges: PositionedEdge[],
  pad: number,
): { width: number; height: number } {
  let width = 0;
  let height = 0;
  for (const n of nodes) {
    width = Math.max(width, n.x + n.width);
    height = Math.max(height, n.y + n.height);
  }
  for (const e of edges) {
    for (const p of e.points) {
      width = Math.max(width, p.x);
      height = Math.max(height, p.y);
    }
  }
  return { width: width + pad, height: height + pad };
}

/** Reads node positions and edge sections from a laid-out ELK graph (ELK ids → keys). */
export function applyLayout(result: ElkNode, graph: LayoutGraph): PositionedLayout {
  const byElkId = new Map(graph.cards.map((c) => [c.elkId, c]));
  const nodes: PositionedNode[] = (result.children ?? []).flatMap((child) => {
    const card = byElkId.get(child.id);
    return card
      ? [
          {
            key: card.key,
            x: child.x ?? 0,
            y: child.y ?? 0,
            width: card.width,
            height: card.height,
          },
        ]
      : [];
  });
  const infos = new Map(graph.edges.map((e) => [e.id, e]));
  const edges: PositionedEdge[] = (result.edges ?? []).flatMap((edge) => {
    const info = infos.get(edge.id);
    const section = edge.sections?.[0];
    if (!info || !section) return [];
    const { id, kind, fromKey, fromColumn, toKey, toColumn, foreignKeyIndex } = info;
    const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map(
      (p) => ({
        x: p.x,
        y: p.y,
      }),
    );
    return [{ id, kind, fromKey, fromColumn, toKey, toColumn, foreignKeyIndex, points }];
  });
  return { nodes, edges, ...extent(nodes, edges, 20) };
}

/** Groups free cards into connected components by the edges among them. */
function components(cards: CardInfo[], graph: LayoutGraph): CardInfo[][] {
  const parent = new Map(cards.map((c) => [c.key, c.key]));
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    return root;
  };
  for (const e of graph.edges) {
    if (parent.has(e.fromKey) && parent.has(e.toKey)) parent.set(find(e.fromKey), find(e.toKey));
  }
  const groups = new Map<string, CardInfo[]>();
  for (const c of cards) {
    const root = find(c.key);
    groups.set(root, [...(groups.get(root) ?? []), c]);
  }
  return [...groups.values()].sort((a, b) => b.length - a.length);
}

/**
 * Combines pinned cards (exact positions) with cards ELK laid out on their own: each new
 * connected component keeps its internal layout and moves, as one block, to the free spot
 * nearest its pinned neighbours. Edges get simple orthogonal routes.
 */
export function placeAroundPinned(
  graph: LayoutGraph,
  freeLayout: PositionedLayout | null,
  gap = 40,
): PositionedLayout {
  const placed = new Map<string, PositionedNode>();
  for (const c of graph.cards) {
    const p = graph.pinned[c.key];
    if (p) placed.set(c.key, { key: c.key, x: p.x, y: p.y, width: c.width, height: c.height });
  }
  const laid = new Map((freeLayout?.nodes ?? []).map((n) => [n.key, n]));
  const free = graph.cards.filter((c) => !graph.pinned[c.key]);
  // Each new component moves as a block; ELK's routes inside it move along.
  const shifts = new Map<string, Point>();
  for (const group of components(free, graph)) {
    const nodes = group.map(
      (c) => laid.get(c.key) ?? { key: c.key, x: 0, y: 0, width: c.width, height: c.height },
    );
    const box = boundsOf(nodes) ?? { x: 0, y: 0, width: 0, height: 0 };
    const obstacles: Rect[] = [...placed.values()];
    const anchor = anchorFor(group, graph, placed, box, obstacles, gap);
    const spot = findFreeSpot(anchor, box.width, box.height, obstacles, gap);
    const shift = { x: spot.x - box.x, y: spot.y - box.y };
    for (const n of nodes) {
      placed.set(n.key, { ...n, x: n.x + shift.x, y: n.y + shift.y });
      shifts.set(n.key, shift);
    }
  }
  const elkEdges = new Map((freeLayout?.edges ?? []).map((e) => [e.id, e]));
  const columns = new Map(graph.cards.map((c) => [c.key, c.columns]));
  const withCols = (key: string) => {
    const n = placed.get(key);
    return n ? { ...n, columns: columns.get(key) ?? [] } : null;
  };
  const edges = graph.edges.flatMap((e, lane): PositionedEdge[] => {
    const shift = shifts.get(e.fromKey);
    const routed = elkEdges.get(e.id);
    if (routed && shift && shifts.get(e.toKey) === shift) {
      return [
        { ...routed, points: routed.points.map((p) => ({ x: p.x + shift.x, y: p.y + shift.y })) },
      ];
    }
    const from = withCols(e.fromKey);
    const to = withCols(e.toKey);
    return from && to ? [routeEdge(e, from, to, graph.rows, lane)] : [];
  });
  const nodes = graph.cards.flatMap((c) => placed.get(c.key) ?? []);
  return { nodes, edges, ...extent(nodes, edges, 20) };
}

/** Wished top-left of a new block: centred on its pinned neighbours, else right of everything. */
function anchorFor(
  group: CardInfo[],
  graph: LayoutGraph,
  placed: Map<string, PositionedNode>,
  box: Rect,
  obstacles: Rect[],
  gap: number,
): Point {
  const keys = new Set(group.map((c) => c.key));
  const neighbours: PositionedNode[] = [];
  for (const e of graph.edges) {
    const other = keys.has(e.fromKey) ? e.toKey : keys.has(e.toKey) ? e.fromKey : null;
    const n = other && !keys.has(other) ? placed.get(other) : undefined;
    if (n) neighbours.push(n);
  }
  if (neighbours.length > 0) {
    const cx = neighbours.reduce((s, n) => s + n.x + n.width / 2, 0) / neighbours.length;
    const cy = neighbours.reduce((s, n) => s + n.y + n.height / 2, 0) / neighbours.length;
    return { x: Math.round(cx - box.width / 2), y: Math.round(cy - box.height / 2) };
  }
  const all = boundsOf(obstacles);
  return all ? { x: all.x + all.width + gap, y: all.y } : { x: 20, y: 20 };
}
