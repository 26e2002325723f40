// Builds the ELK graph for a schema: one node per table card, sized from its rows, with a
// port on each side of every column row so FK edges start and end at the right rows.
import type { ElkExtendedEdge, ElkNode, ElkPort } from 'elkjs/lib/elk-api';
import type { Relation, SchemaModel } from '../../schema/model';
import { layoutOptionsFor, presetFor } from './options';
import {
  FOOTER_MAX,
  cardRows,
  footerLines,
  headerTags,
  indexBadges,
  partitionFooter,
} from '../card-content';
import type {
  CardInfo,
  CardMetrics,
  EdgeInfo,
  LayoutGraph,
  LayoutOptions,
  Point,
  RowMetrics,
} from './types';

/** Width and height of a relation's card: header, one row per column, index footer. */
export function cardSize(
  relation: Relation,
  metrics: CardMetrics,
): { width: number; height: number } {
  const m = metrics;
  // Inner width (padding added below): title plus the header's tags (kind, RLS, STRICT…).
  const tags = headerTags(relation).join(' · ');
  let width = m.measureText(relation.name, 'title') + (tags ? m.measureText(tags, 'type') + 16 : 0);
  for (const row of cardRows(relation)) {
    // Markers (PK, FK, UQ) take a 16 px slot each before the name; `?` marks nullable types.
    const gutter = Math.max(row.markers.length, 1) * MARKER_SLOT + 2;
    const type = row.type + (row.nullable ? '?' : '');
    width = Math.max(
      width,
      gutter + m.measureText(row.name, 'column') + m.columnGap + m.measureText(type, 'type'),
    );
  }
  const footer = footerLines(relation);
  for (const b of indexBadges(relation).slice(0, FOOTER_MAX)) {
    // Index lines use a smaller font (about 0.85 of the type font); tags follow the keys.
    const line = `⚡ ${b.name} ${b.keys} ${b.tags.join(' ')}`;
    width = Math.max(width, m.measureText(line, 'type') * 0.85 + 8);
  }
  const partitions = partitionFooter(relation, Infinity, 0);
  if (partitions) width = Math.max(width, m.measureText(partitions.text, 'type') * 0.85 + 8);
  width = Math.min(m.maxWidth, Math.max(m.minWidth, Math.ceil(width + 2 * m.paddingX)));
  const footerHeight = footer > 0 ? footer * m.footerRowHeight + 6 : 0;
  return {
    width,
    height: m.headerHeight + Math.max(1, relation.columns.length) * m.rowHeight + footerHeight,
  };
}

/** Width of one column marker slot (PK, FK, UQ) in a card row. */
export const MARKER_SLOT = 16;

/** Y where an edge meets its card, relative to the card's top: its column's row, or the header. */
export function anchorY(
  edge: Pick<EdgeInfo, 'kind'>,
  columns: readonly string[],
  column: string,
  metrics: RowMetrics,
): number {
  if (edge.kind !== 'fk') return metrics.headerHeight / 2;
  return rowCenter(columns.indexOf(column), metrics);
}

/** Y of the middle of column row `index`, relative to the card's top. */
export function rowCenter(index: number, metrics: RowMetrics): number {
  return metrics.headerHeight + (Math.max(0, index) + 0.5) * metrics.rowHeight;
}

export type Side = 'W' | 'E';

/** Port id of a column row (or `'h'`, the header) on one side of a card. */
export function portId(card: CardInfo, row: number | 'h', side: Side): string {
  return `${card.elkId}.${row}.${side}`;
}

/** Ports for the rows that edges use only: ELK's cost grows with the number of ports. */
function ports(card: CardInfo, used: ReadonlySet<string>, metrics: RowMetrics): ElkPort[] {
  const out: ElkPort[] = [];
  const rows: [row: number | 'h', y: number][] = [['h', metrics.headerHeight / 2]];
  card.columns.forEach((_, i) => rows.push([i, rowCenter(i, metrics)]));
  for (const [row, y] of rows) {
    for (const side of ['W', 'E'] as const) {
      const id = portId(card, row, side);
      if (!used.has(id)) continue;
      const x = side === 'W' ? 0 : card.width;
      const layoutOptions = { 'elk.port.side': side === 'W' ? 'WEST' : 'EAST' };
      out.push({ id, x, y, width: 0, height: 0, layoutOptions });
    }
  }
  return out;
}

/** Cards and FK edges of the relations that `include` keeps, in key order. */
export function collectCards(
  model: SchemaModel,
  options: LayoutOptions,
): { cards: CardInfo[]; edges: EdgeInfo[] } {
  const relations = model.relations.filter((r) => options.include?.(r) ?? true);
  const cards = relations.map((r, i): CardInfo => ({
    key: r.key,
    elkId: `n${i}`,
    ...cardSize(r, options.metrics),
    columns: r.columns.map((c) => c.name),
  }));
  const byKey = new Map(cards.map((c) => [c.key, c]));
  const edges: EdgeInfo[] = [];
  for (const r of relations) {
    r.foreignKeys.forEach((fk, i) => {
      const target = byKey.get(fk.referencedKey);
      if (!target) return; // the parent is filtered out or missing (SQLite allows that)
      edges.push({
        id: `e${edges.length}`,
        kind: 'fk',
        fromKey: r.key,
        fromColumn: fk.columns[0] ?? '',
        toKey: target.key,
        toColumn: fk.referencedColumns[0] ?? target.columns[0] ?? '',
        foreignKeyIndex: i,
      });
    });
  }
  // Inheritance: each child to the tables it inherits from (a partition's parent is listed
  // in `inherits` too, but partitions are folded into their table's card, not joined to it).
  for (const r of relations) {
    for (const parent of r.inherits) {
      if (parent === r.partitionOf || !byKey.has(parent)) continue;
      edges.push({
        id: `e${edges.length}`,
        kind: 'inherits',
        fromKey: r.key,
        fromColumn: '',
        toKey: parent,
        toColumn: '',
        foreignKeyIndex: -1,
      });
    }
  }
  return { cards, edges };
}

/**
 * ELK edge: child's east port → parent's west port (east → east for self-loops), at the FK's
 * rows, or at the headers for inheritance.
 */
function elkEdge(edge: EdgeInfo, byKey: Map<string, CardInfo>): ElkExtendedEdge | null {
  const from = byKey.get(edge.fromKey);
  const to = byKey.get(edge.toKey);
  if (!from || !to) return null;
  const row = (card: CardInfo, column: string): number | 'h' =>
    edge.kind === 'fk' ? Math.max(0, card.columns.indexOf(column)) : 'h';
  const fromRow = row(from, edge.fromColumn);
  const toRow = row(to, edge.toColumn);
  const self = from === to;
  return {
    id: edge.id,
    sources: [portId(from, fromRow, 'E')],
    targets: [portId(to, toRow, self ? 'E' : 'W')],
  };
}

/**
 * Builds the ELK JSON graph for a schema. With `pinned` positions, only the other cards are
 * in `elk` (the pinned ones never move; see `runLayoutWith`).
 */
export function buildLayoutGraph(
  model: SchemaModel,
  options: LayoutOptions,
  pinned: Record<string, Point> = {},
): LayoutGraph {
  const { cards, edges } = collectCards(model, options);
  const keep: Record<string, Point> = {};
  for (const c of cards) {
    const p = pinned[c.key];
    if (p) keep[c.key] = { x: p.x, y: p.y };
  }
  const free = cards.filter((c) => !keep[c.key]);
  const freeKeys = new Set(free.map((c) => c.key));
  const byKey = new Map(cards.map((c) => [c.key, c]));
  const elkEdges = edges
    .filter((e) => freeKeys.has(e.fromKey) && freeKeys.has(e.toKey))
    .flatMap((e) => elkEdge(e, byKey) ?? []);
  const used = new Set(elkEdges.flatMap((e) => [...e.sources, ...e.targets]));
  const elk: ElkNode = {
    id: 'root',
    layoutOptions: layoutOptionsFor(options.preset ?? presetFor(free.length), options.elkOptions),
    children: free.map((c) => ({
      id: c.elkId,
      width: c.width,
      height: c.height,
      ports: ports(c, used, options.metrics),
      layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
    })),
    edges: elkEdges,
  };
  const { headerHeight, rowHeight } = options.metrics;
  return { elk, cards, edges, pinned: keep, rows: { headerHeight, rowHeight } };
}
