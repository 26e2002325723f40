// Input and output shapes of the ERD layout. Pure data: the layout runs in Node tests and in
// a Web Worker, and the Svelte diagram only draws what comes out.
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { Relation } from '../../schema/model';

export interface Point {
  x: number;
  y: number;
}

/** How table cards are drawn, so their size can be known before layout. */
export interface CardMetrics {
  /** Width in px of `text` in the card's font; `title` is the header, the rest column rows. */
  measureText: (text: string, role: 'title' | 'column' | 'type') => number;
  headerHeight: number;
  rowHeight: number;
  /** Height of one index line in the card's footer. */
  footerRowHeight: number;
  /** Horizontal padding on each side of the card. */
  paddingX: number;
  /** Space between a column's name and its type. */
  columnGap: number;
  minWidth: number;
  maxWidth: number;
}

/** A fixed-width estimate for callers without a font (tests, workers): 7.2 px per char. */
export const DEFAULT_METRICS: CardMetrics = {
  measureText: (text, role) => text.length * (role === 'title' ? 8 : 7.2),
  headerHeight: 32,
  rowHeight: 24,
  footerRowHeight: 18,
  paddingX: 12,
  columnGap: 24,
  minWidth: 140,
  maxWidth: 480,
};

export interface LayoutOptions {
  metrics: CardMetrics;
  /** Which option set to use (see `LAYOUT_PRESETS`); default: `presetFor(card count)`. */
  preset?: string;
  /** Extra ELK options, applied over the preset. */
  elkOptions?: Record<string, string>;
  /** Which relations become cards (default: all). */
  include?: (relation: Relation) => boolean;
}

/** One table card in the graph. */
export interface CardInfo {
  key: string;
  elkId: string;
  width: number;
  height: number;
  columns: string[];
}

/**
 * What an edge stands for: a foreign key, or a table's inheritance (`INHERITS`) from another.
 * Partitions have no edges: the diagram lists them in their table's card (`erd/fold.ts`).
 */
export type EdgeKind = 'fk' | 'inherits';

/**
 * One edge of the diagram. A foreign key runs from the child's first FK column to the
 * parent's first key column; an inheritance edge runs between the two cards' headers, and
 * its columns are empty.
 */
export interface EdgeInfo {
  id: string;
  kind: EdgeKind;
  fromKey: string;
  fromColumn: string;
  toKey: string;
  toColumn: string;
  /** Position of the FK among `relation.foreignKeys` of `fromKey`; -1 for inheritance. */
  foreignKeyIndex: number;
}

/** What `buildLayoutGraph` returns: the ELK graph plus what is needed to read its result. */
export interface LayoutGraph {
  elk: ElkNode;
  cards: CardInfo[];
  edges: EdgeInfo[];
  /** Top-left corners of cards that must not move, by relation key. */
  pinned: Record<string, Point>;
  /** Row geometry, kept as plain numbers so the graph can be posted to a worker. */
  rows: RowMetrics;
}

export type RowMetrics = Pick<CardMetrics, 'headerHeight' | 'rowHeight'>;

export interface PositionedNode {
  key: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PositionedEdge {
  id: string;
  kind: EdgeKind;
  fromKey: string;
  fromColumn: string;
  toKey: string;
  toColumn: string;
  /** Position of the FK in `foreignKeys` of `fromKey`; `cardinalities()` keys use it too. */
  foreignKeyIndex: number;
  /** Orthogonal polyline from the FK column's side of the child to the referenced row. */
  points: Point[];
}

export interface PositionedLayout {
  nodes: PositionedNode[];
  edges: PositionedEdge[];
  width: number;
  height: number;
}
