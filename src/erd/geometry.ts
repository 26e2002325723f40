// Card geometry shared by the on-screen diagram and the SVG export, so both draw the same
// thing the layout measured.
import { DEFAULT_METRICS } from './layout';
import type { Cardinality, PositionedEdge, RelationshipEnd } from './layout';

export const CARD = {
  header: DEFAULT_METRICS.headerHeight,
  row: DEFAULT_METRICS.rowHeight,
  footerRow: DEFAULT_METRICS.footerRowHeight,
  padX: DEFAULT_METRICS.paddingX,
  radius: 6,
} as const;

/** Y of the top of column row `i` inside a card. */
export function rowTop(i: number): number {
  return CARD.header + i * CARD.row;
}

/** SVG path `d` for an orthogonal polyline. */
export function pathOf(edge: PositionedEdge): string {
  return edge.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(p.x)},${round(p.y)}`).join(' ');
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Marker id for one end of a relationship: crow's foot or bar, circle or bar. */
export function markerId(end: RelationshipEnd): string {
  return `m-${end.max}-${end.min}`;
}

const MARKER_IDS = ['m-many-zero', 'm-many-one', 'm-one-zero', 'm-one-one'] as const;

/**
 * Marker shapes drawn pointing right (orient="auto-start-reverse" turns them). The outer
 * symbol (crow's foot or bar) sits at the card edge; the inner one (circle = zero, bar =
 * one) is further along the line.
 */
function markerPath(id: (typeof MARKER_IDS)[number]): { d: string; circle: boolean } {
  const many = id.startsWith('m-many');
  const zero = id.endsWith('zero');
  // Coordinates in a 24×16 box whose right edge (x=24) touches the card.
  const outer = many ? 'M14,8 L24,1 M14,8 L24,15 M14,8 L24,8' : 'M20,2 L20,14';
  const inner = zero ? '' : ' M10,2 L10,14';
  return { d: outer + inner, circle: zero };
}

/** Markers for both ends of an edge, child first. */
export function edgeMarkers(c: Cardinality | undefined): { start: string; end: string } {
  return {
    start: markerId(c?.child ?? { max: 'many', min: 'zero' }),
    end: markerId(c?.parent ?? { max: 'one', min: 'one' }),
  };
}

/**
 * The parent end of an inheritance edge: a hollow triangle, as UML draws generalisation.
 * Same 24×16 box as the other markers.
 */
export const INHERITS_MARKER = { id: 'm-parent', d: 'M9,1.5 L23,8 L9,14.5 Z' } as const;

/**
 * Every marker the diagram defines, drawn the same way on screen and in the SVG export:
 * a path, plus a circle (at x=8) for the "zero" ends.
 */
export const MARKER_SHAPES: readonly { id: string; d: string; circle: boolean }[] = [
  ...MARKER_IDS.map((id) => ({ id, ...markerPath(id) })),
  { id: INHERITS_MARKER.id, d: INHERITS_MARKER.d, circle: false },
];

/**
 * Markers of one drawn edge: a foreign key's crow's feet from its cardinality (`cards` is
 * keyed `fromKey#foreignKeyIndex`); an inheritance edge has the triangle at the parent only.
 */
export function markersOf(
  edge: PositionedEdge,
  cards: ReadonlyMap<string, Cardinality>,
): { start?: string; end: string } {
  if (edge.kind !== 'fk') return { end: INHERITS_MARKER.id };
  return edgeMarkers(cards.get(`${edge.fromKey}#${edge.foreignKeyIndex}`));
}

/** What an edge means, in words, for its tooltip on screen and in exports. */
export function edgeLabel(edge: PositionedEdge): string {
  if (edge.kind === 'inherits') return `${edge.fromKey} inherits from ${edge.toKey}`;
  return `${edge.fromKey}.${edge.fromColumn} references ${edge.toKey}.${edge.toColumn}`;
}
