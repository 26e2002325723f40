// A table card as SVG markup, drawn the same way on screen and in the SVG export. Building a
// string and letting the browser parse it is several times cheaper than creating each row's
// elements one by one, which matters when a run brings dozens of cards at once. Every name
// from the database goes through `escapeXml`: it is text, never markup.
import type { Relation } from '../schema/model';
import { plural } from '../ui/numbers';
import {
  badgeLine,
  cardRows,
  headerTags,
  indexBadges,
  partitionFooter,
  FOOTER_MAX,
} from './card-content';
import { CARD, rowTop } from './geometry';
import { MARKER_SLOT } from './layout/graph';

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

/**
 * The header's tooltip: the relation's kind and key, then everything table-wide that the
 * column rows do not show (comment, partitioning, inheritance, row-level security and its
 * policies, checks, triggers, SQLite table options), one line each.
 */
export function headerDetails(relation: Relation): string {
  const r = relation;
  const lines = [`${r.kind.replace('-', ' ')} ${r.key}`];
  if (r.comment) lines.push(r.comment);
  if (r.partitionOf) lines.push(`partition of ${r.partitionOf} ${r.partitionBound ?? ''}`.trim());
  if (r.partitionKey) lines.push(`partitioned by ${r.partitionKey}`);
  if (r.inherits.length > 0) lines.push(`inherits ${r.inherits.join(', ')}`);
  if (r.rowSecurity.enabled) {
    lines.push(`row-level security${r.rowSecurity.forced ? ' (forced on the owner too)' : ''}`);
  }
  for (const p of r.policies) {
    const roles = p.roles.length > 0 ? ` to ${p.roles.join(', ')}` : '';
    const using = p.using ? ` using (${p.using})` : '';
    const check = p.withCheck ? ` with check (${p.withCheck})` : '';
    const kind = p.permissive ? '' : ' restrictive';
    lines.push(`policy ${p.name}:${kind} ${p.command}${roles}${using}${check}`);
  }
  for (const c of r.checks) {
    lines.push(
      `check${c.name ? ` ${c.name}` : ''}: ${c.expression}${c.validated ? '' : ' (not valid)'}${c.enforced ? '' : ' (not enforced)'}`,
    );
  }
  for (const t of r.triggers) {
    const events = t.events.join(' or ');
    const off = t.enabled ? '' : ' (disabled)';
    lines.push(`trigger ${t.name}: ${t.timing} ${events} for each ${t.level}${off}`);
  }
  const sqlite = r.sqlite;
  if (sqlite?.strict) lines.push('STRICT: column types are enforced');
  if (sqlite?.withoutRowid) lines.push('WITHOUT ROWID: rows are stored in primary key order');
  if (sqlite?.autoincrement) lines.push('AUTOINCREMENT: ids are never reused');
  return lines.join('\n');
}

/** The partition line's tooltip: each partition with its bounds, the rest counted. */
export function partitionsTitle(relation: Relation): string {
  const parts = relation.foldedPartitions ?? [];
  const listed = parts.slice(0, PARTITIONS_LISTED).map((p) => {
    const under = p.under ? ` (in ${p.under})` : '';
    return `${p.name}${under}${p.bound ? ` ${p.bound}` : ''}`;
  });
  const more = parts.length - listed.length;
  return [
    `${plural(parts.length, 'partition')} of ${relation.key}:`,
    ...listed,
    ...(more > 0 ? [`… and ${more} more`] : []),
  ].join('\n');
}

/** Partitions named one by one in the partition line's tooltip; the rest are counted. */
const PARTITIONS_LISTED = 40;

export interface CardMarkupOptions {
  /** Column rows and index lines; without, the card is a box with its name (far zoom). */
  detailed: boolean;
  /** A transparent hit area per row, for hovering a column on screen. */
  interactive: boolean;
}

/** Is this relation drawn as a view (dashed border, other header colour)? */
export function isViewLike(relation: Relation): boolean {
  return relation.kind === 'view' || relation.kind === 'materialized-view';
}

/**
 * Everything inside a card's group: box, header, name, kind, one row per column (a `g.row`
 * whose `data-col` is the column's name) and the index footer. Coordinates are relative to
 * the card's top-left corner.
 */
export function cardMarkup(
  relation: Relation,
  width: number,
  height: number,
  options: CardMarkupOptions,
): string {
  const view = isViewLike(relation) ? ' view' : '';
  const parts: string[] = [
    `<rect class="card${view}" width="${width}" height="${height}" rx="${CARD.radius}"/>`,
    `<g class="header"><title>${escapeXml(headerDetails(relation))}</title>`,
    `<rect class="head${view}" x="0.5" y="0.5" width="${width - 1}" height="${CARD.header - 1}" rx="${CARD.radius}"/>`,
    `<text class="title" x="${CARD.padX}" y="20">${escapeXml(relation.name)}</text>`,
  ];
  const tags = headerTags(relation);
  if (tags.length > 0) {
    const text = escapeXml(tags.join(' · '));
    parts.push(
      `<text class="kind" x="${width - CARD.padX}" y="20" text-anchor="end">${text}</text>`,
    );
  }
  parts.push('</g>');
  if (!options.detailed) return parts.join('');
  cardRows(relation).forEach((row, i) => {
    const top = rowTop(i);
    const mid = top + CARD.row / 2 + 4;
    parts.push(`<g class="row" data-col="${escapeXml(row.name)}">`);
    if (options.interactive) {
      parts.push(
        `<rect class="row-bg" x="1" y="${top}" width="${width - 2}" height="${CARD.row}"/>`,
      );
    }
    parts.push(`<title>${escapeXml(row.note)}</title>`);
    row.markers.forEach((m, j) => {
      const x = CARD.padX + j * MARKER_SLOT;
      parts.push(`<text class="marker-${m.toLowerCase()}" x="${x}" y="${mid - 1}">${m}</text>`);
    });
    const nameX = CARD.padX + Math.max(row.markers.length, 1) * MARKER_SLOT + 2;
    const notNull = row.nullable ? '' : ' notnull';
    parts.push(`<text class="col${notNull}" x="${nameX}" y="${mid}">${escapeXml(row.name)}</text>`);
    const type = escapeXml(row.type + (row.nullable ? '?' : ''));
    parts.push(
      `<text class="type" x="${width - CARD.padX}" y="${mid}" text-anchor="end">${type}</text>`,
    );
    parts.push('</g>');
  });
  const badges = indexBadges(relation);
  const partitions = partitionFooter(relation, width, CARD.padX);
  if (badges.length > 0 || partitions) {
    const top = rowTop(Math.max(1, relation.columns.length));
    const lineY = (i: number): number => top + 4 + (i + 1) * CARD.footerRow - 5;
    parts.push(`<line class="sep" x1="0" x2="${width}" y1="${top}" y2="${top}"/>`);
    badges.slice(0, FOOTER_MAX).forEach((b, i) => {
      const tags = b.tags
        .map((t) => `<tspan class="tag tag-${escapeXml(t.toLowerCase())}"> ${escapeXml(t)}</tspan>`)
        .join('');
      const line = escapeXml(badgeLine(b, width - 14, CARD.padX));
      parts.push(
        `<text class="idx" x="${CARD.padX}" y="${lineY(i)}"><title>${escapeXml(b.title)}</title>⚡ ${line}${tags}</text>`,
      );
    });
    if (badges.length > FOOTER_MAX) {
      parts.push(
        `<text class="idx" x="${CARD.padX}" y="${lineY(FOOTER_MAX)}">+${badges.length - FOOTER_MAX} more indexes</text>`,
      );
    }
    if (partitions) {
      parts.push(
        `<text class="idx parts" x="${CARD.padX}" y="${lineY(partitions.line)}"><title>${escapeXml(partitionsTitle(relation))}</title>${escapeXml(partitions.text)}</text>`,
      );
    }
  }
  return parts.join('');
}
