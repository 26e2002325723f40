// Public API of the ERD layout: schema model in, positioned cards and edges out.
export { buildLayoutGraph, cardSize, collectCards, portId, rowCenter } from './graph';
export { applyLayout, placeAroundPinned } from './apply';
export { runLayout, runLayoutWith, type ElkLike } from './run';
export { warmUpModel } from './warm-up';
export { LARGE_SCHEMA_CARDS, LAYOUT_PRESETS, layoutOptionsFor, presetFor } from './options';
export { cardinalities, foreignKeyCardinality } from './cardinality';
export type { Cardinality, RelationshipEnd } from './cardinality';
export { aspectRatio, edgeCrossings, nodeOverlaps, totalEdgeLength } from './quality';
export { DEFAULT_METRICS } from './types';
export type {
  CardInfo,
  CardMetrics,
  EdgeInfo,
  LayoutGraph,
  LayoutOptions,
  Point,
  PositionedEdge,
  PositionedLayout,
  PositionedNode,
  RowMetrics,
} from './types';
