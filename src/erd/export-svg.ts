// A self-contained SVG of the whole diagram: styles inside, no external fonts or links, every
// name from the database escaped, so it opens correctly on its own and runs no script.
import type { Relation, SchemaModel } from '../schema/model';
import type { Cardinality, PositionedLayout } from './layout';
import { cardMarkup, escapeXml } from './card-markup';
import { MARKER_SHAPES, edgeLabel, markersOf, pathOf } from './geometry';

export const EXPORT_THEMES = {
  light: {
    bg: '#ffffff',
    card: '#ffffff',
    header: '#eef3fc',
    view: '#f3eefc',
    border: '#b8c2d3',
    text: '#1d2330',
    muted: '#667085',
    edge: '#7a869a',
    pk: '#b26b00',
    fk: '#2f6fde',
    uq: '#1f8a4c',
  },
  dark: {
    bg: '#12151b',
    card: '#1a1e26',
    header: '#20304f',
    view: '#33284a',
    border: '#3a4254',
    text: '#e4e7ee',
    muted: '#98a1b3',
    edge: '#8d99b0',
    pk: '#e0a040',
    fk: '#5b8ff0',
    uq: '#49c27a',
  },
} as const;

export type ExportTheme = keyof typeof EXPORT_THEMES;

function style(theme: ExportTheme): string {
  const t = EXPORT_THEMES[theme];
  return `
  .bg { fill: ${t.bg}; }
  .card { fill: ${t.card}; stroke: ${t.border}; stroke-width: 1; }
  .card.view { stroke-dasharray: 5 3; }
  .head { fill: ${t.header}; }
  .head.view { fill: ${t.view}; }
  text { font-family: ui-monospace, 'SF Mono', Menlo, Consolas, 'DejaVu Sans Mono', monospace; fill: ${t.text}; }
  .title { font-size: 13px; font-weight: 700; }
  .kind { font-size: 10px; fill: ${t.muted}; }
  .col { font-size: 12px; }
  .col.notnull { font-weight: 600; }
  .type { font-size: 11px; fill: ${t.muted}; }
  .marker-pk { fill: ${t.pk}; font-size: 9px; font-weight: 700; }
  .marker-fk { fill: ${t.fk}; font-size: 9px; font-weight: 700; }
  .marker-uq { fill: ${t.uq}; font-size: 9px; font-weight: 700; }
  .idx { font-size: 10px; fill: ${t.muted}; }
  .tag { fill: ${t.fk}; font-weight: 700; }
  .tag-partial, .tag-expression { fill: ${t.pk}; }
  .sep { stroke: ${t.border}; }
  .edge { fill: none; stroke: ${t.edge}; stroke-width: 1.3; }
  .edge.inherits { stroke-dasharray: 6 4; }
  .marker { fill: ${t.card}; stroke: ${t.edge}; stroke-width: 1.3; }
`;
}

function markerDefs(): string {
  return MARKER_SHAPES.map(
    ({ id, d, circle }) =>
      `<marker id="${id}" viewBox="0 0 24 16" refX="24" refY="8" markerWidth="24" markerHeight="16" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path class="marker" d="${d}"/>${circle ? '<circle class="marker" cx="8" cy="8" r="3.5"/>' : ''}</marker>`,
  ).join('');
}

function card(relation: Relation, x: number, y: number, width: number, height: number): string {
  const body = cardMarkup(relation, width, height, { detailed: true, interactive: false });
  return `<g transform="translate(${x},${y})"><title>${escapeXml(relation.key)}</title>${body}</g>`;
}

/** The whole diagram as an SVG document. */
export function diagramSvg(
  model: SchemaModel,
  layout: PositionedLayout,
  cards: Map<string, Cardinality>,
  theme: ExportTheme = 'light',
): string {
  const margin = 24;
  const width = Math.ceil(layout.width + 2 * margin);
  const height = Math.ceil(layout.height + 2 * margin);
  const byKey = new Map(model.relations.map((r) => [r.key, r]));
  const edges = layout.edges
    .map((e) => {
      const m = markersOf(e, cards);
      const start = m.start ? ` marker-start="url(#${m.start})"` : '';
      const cls = e.kind === 'fk' ? 'edge' : 'edge inherits';
      return `<path class="${cls}" d="${pathOf(e)}"${start} marker-end="url(#${m.end})"><title>${escapeXml(edgeLabel(e))}</title></path>`;
    })
    .join('');
  const nodes = layout.nodes
    .map((n) => {
      const relation = byKey.get(n.key);
      return relation ? card(relation, n.x, n.y, n.width, n.height) : '';
    })
    .join('');
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${-margin} ${-margin} ${width} ${height}">`,
    `<title>Schema diagram (${escapeXml(model.engine === 'postgres' ? 'PostgreSQL' : 'SQLite')}, ${layout.nodes.length} tables)</title>`,
    `<style>${style(theme)}</style>`,
    `<defs>${markerDefs()}</defs>`,
    `<rect class="bg" x="${-margin}" y="${-margin}" width="${width}" height="${height}"/>`,
    `<g>${edges}</g>`,
    `<g>${nodes}</g>`,
    `</svg>`,
  ].join('\n');
}
