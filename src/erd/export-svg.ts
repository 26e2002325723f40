// A self-contained SVG of the whole diagram: styles inside, no external fonts or links, every
// name from the database escaped, so it opens correctly on its own and runs no script.
import type { Relation, SchemaModel } from '../schema/model';
import type { Cardinality, PositionedLayout } from './layout';
import { badgeLine, cardRows, indexBadges, FOOTER_MAX } from './card-content';
import { MARKER_SLOT } from './layout/graph';
import { CARD, MARKER_IDS, edgeMarkers, markerPath, pathOf, rowTop } from './geometry';

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escapes text for XML content and attribute values, dropping characters XML forbids. */
export function escapeXml(text: string): string {
  return (
    text
      // XML 1.0 cannot hold these characters at all, not even escaped.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
      .replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c)
  );
}

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
  .type { font-size: 11px; fill: ${t.muted}; }
  .pk { fill: ${t.pk}; font-size: 9px; font-weight: 700; }
  .fk { fill: ${t.fk}; font-size: 9px; font-weight: 700; }
  .uq { fill: ${t.uq}; font-size: 9px; font-weight: 700; }
  .idx { font-size: 10px; fill: ${t.muted}; }
  .tag { font-size: 9px; fill: ${t.fk}; }
  .sep { stroke: ${t.border}; }
  .edge { fill: none; stroke: ${t.edge}; stroke-width: 1.3; }
  .marker { fill: none; stroke: ${t.edge}; stroke-width: 1.3; }
`;
}

function markerDefs(): string {
  return MARKER_IDS.map((id) => {
    const { d, circle } = markerPath(id);
    return `<marker id="${id}" viewBox="0 0 24 16" refX="24" refY="8" markerWidth="24" markerHeight="16" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path class="marker" d="${d}"/>${circle ? '<circle class="marker" cx="8" cy="8" r="3.5"/>' : ''}</marker>`;
  }).join('');
}

function card(relation: Relation, x: number, y: number, width: number, height: number): string {
  const isView = relation.kind === 'view' || relation.kind === 'materialized-view';
  const parts: string[] = [];
  parts.push(`<g transform="translate(${x},${y})">`);
  parts.push(`<title>${escapeXml(relation.key)}</title>`);
  parts.push(
    `<rect class="card${isView ? ' view' : ''}" width="${width}" height="${height}" rx="${CARD.radius}"/>`,
  );
  parts.push(
    `<rect class="head${isView ? ' view' : ''}" x="0.5" y="0.5" width="${width - 1}" height="${CARD.header - 1}" rx="${CARD.radius}"/>`,
  );
  parts.push(`<text class="title" x="${CARD.padX}" y="20">${escapeXml(relation.name)}</text>`);
  if (relation.kind !== 'table') {
    const kind = relation.kind.replace('-', ' ');
    parts.push(
      `<text class="kind" x="${width - CARD.padX}" y="20" text-anchor="end">${escapeXml(kind)}</text>`,
    );
  }
  cardRows(relation).forEach((row, i) => {
    const top = rowTop(i);
    const mid = top + CARD.row / 2 + 4;
    let mx = CARD.padX;
    for (const m of row.markers) {
      parts.push(`<text class="${m.toLowerCase()}" x="${mx}" y="${mid - 1}">${m}</text>`);
      mx += MARKER_SLOT;
    }
    const nameX = CARD.padX + Math.max(row.markers.length, 1) * MARKER_SLOT + 2;
    parts.push(`<text class="col" x="${nameX}" y="${mid}">${escapeXml(row.name)}</text>`);
    parts.push(
      `<text class="type" x="${width - CARD.padX}" y="${mid}" text-anchor="end">${escapeXml(row.type + (row.nullable ? '?' : ''))}</text>`,
    );
  });
  const badges = indexBadges(relation);
  if (badges.length > 0) {
    const top = rowTop(Math.max(1, relation.columns.length));
    parts.push(`<line class="sep" x1="0" x2="${width}" y1="${top}" y2="${top}"/>`);
    badges.slice(0, FOOTER_MAX).forEach((b, i) => {
      const yy = top + 4 + (i + 1) * CARD.footerRow - 5;
      const tags = b.tags.map((t) => `<tspan class="tag"> ${escapeXml(t)}</tspan>`).join('');
      parts.push(
        `<text class="idx" x="${CARD.padX}" y="${yy}">${escapeXml(badgeLine(b, width - 14, CARD.padX))}${tags}</text>`,
      );
    });
    if (badges.length > FOOTER_MAX) {
      const yy = top + 4 + (FOOTER_MAX + 1) * CARD.footerRow - 5;
      parts.push(
        `<text class="idx" x="${CARD.padX}" y="${yy}">+${badges.length - FOOTER_MAX} more indexes</text>`,
      );
    }
  }
  parts.push('</g>');
  return parts.join('');
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
      const m = edgeMarkers(cards.get(`${e.fromKey}#${e.foreignKeyIndex}`));
      return `<path class="edge" d="${pathOf(e)}" marker-start="url(#${m.start})" marker-end="url(#${m.end})"><title>${escapeXml(`${e.fromKey}.${e.fromColumn} → ${e.toKey}.${e.toColumn}`)}</title></path>`;
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
