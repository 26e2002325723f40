// What a table card shows, computed once and shared by the layout (card sizes) and the
// renderer: column rows with their markers, and index badges in a footer.
import type { Column, Index, Relation } from '../schema/model';
import { plural } from '../ui/numbers';

export type ColumnMarker = 'PK' | 'FK' | 'UQ';

export interface CardRow {
  name: string;
  type: string;
  markers: ColumnMarker[];
  nullable: boolean;
  /** Generated / identity / default, for the tooltip. */
  note: string;
}

export type IndexTag = 'unique' | 'partial' | 'expression' | 'include' | string;

export interface IndexBadge {
  name: string;
  /** `(customer_id, placed_at DESC)` */
  keys: string;
  /** Method (when not btree), unique, partial, expression, covering (INCLUDE). */
  tags: IndexTag[];
  /** Full definition for the tooltip. */
  title: string;
}

/**
 * Short words at the right of a card's header: what kind of relation it is when not a plain
 * table, and table-wide traits worth seeing at a glance.
 */
export function headerTags(relation: Relation): string[] {
  const tags: string[] = [];
  if (relation.kind !== 'table') tags.push(relation.kind.replace('-', ' '));
  if (relation.partitionOf) tags.push('partition');
  if (relation.rowSecurity.enabled) tags.push('RLS');
  if (relation.sqlite?.strict) tags.push('STRICT');
  if (relation.sqlite?.withoutRowid) tags.push('WITHOUT ROWID');
  return tags;
}

/** Cards list at most this many index lines, then "+N more". */
export const FOOTER_MAX = 4;

export function cardRows(relation: Relation): CardRow[] {
  return relation.columns.map((c) => ({
    name: c.name,
    type: c.type,
    markers: markersOf(c),
    nullable: c.nullable,
    note: noteOf(c),
  }));
}

function markersOf(c: Column): ColumnMarker[] {
  const out: ColumnMarker[] = [];
  if (c.isPrimaryKey) out.push('PK');
  if (c.isForeignKey) out.push('FK');
  if (c.isUnique && !c.isPrimaryKey) out.push('UQ');
  return out;
}

function noteOf(c: Column): string {
  const parts = [`${c.name} ${c.type}${c.nullable ? '' : ' NOT NULL'}`];
  if (c.identity) parts.push(`identity (${c.identity === 'always' ? 'always' : 'by default'})`);
  if (c.generated) parts.push(`generated ${c.generated.kind}: ${c.generated.expression}`);
  if (c.default !== null) parts.push(`default ${c.default}`);
  if (c.collation) parts.push(`collate ${c.collation}`);
  if (c.comment) parts.push(c.comment);
  return parts.join('\n');
}

/** Indexes worth a badge: not the primary key and not the index behind a UNIQUE constraint. */
export function indexBadges(relation: Relation): IndexBadge[] {
  return relation.indexes.filter((i) => !i.primary && !i.constraint).map(badgeOf);
}

function badgeOf(index: Index): IndexBadge {
  const keys = index.parts
    .map(
      (p) => (p.kind === 'column' ? p.column : `(${p.expression})`) + (p.descending ? ' DESC' : ''),
    )
    .join(', ');
  const tags: IndexTag[] = [];
  if (index.method !== 'btree') tags.push(index.method.toUpperCase());
  if (index.unique) tags.push('unique');
  if (index.parts.some((p) => p.kind === 'expression')) tags.push('expression');
  if (index.include.length > 0) tags.push('include');
  if (index.predicate) tags.push('partial');
  const title = [
    index.definition ?? `${index.name} (${keys})`,
    index.include.length ? `INCLUDE (${index.include.join(', ')})` : '',
    index.predicate ? `WHERE ${index.predicate}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  return { name: index.name, keys: `(${keys})`, tags, title };
}

/** How many index lines a card's footer has: shown badges plus a "+N more" line. */
function indexLines(relation: Relation): number {
  const n = indexBadges(relation).length;
  return n <= FOOTER_MAX ? n : FOOTER_MAX + 1;
}

/** How many footer lines a card has: index lines, then one line for folded partitions. */
export function footerLines(relation: Relation): number {
  return indexLines(relation) + (relation.foldedPartitions?.length ? 1 : 0);
}

/** The footer line of a partitioned table's card, after its index lines (null: none). */
export function partitionFooter(
  relation: Relation,
  width: number,
  padding: number,
): { line: number; text: string } | null {
  const parts = relation.foldedPartitions ?? [];
  const first = parts[0];
  const last = parts.at(-1);
  if (!first || !last) return null;
  const names = parts.length === 1 ? first.name : `${first.name} … ${last.name}`;
  const max = Math.floor((width - 2 * padding) / FOOTER_CHAR_PX);
  const full = `▤ ${plural(parts.length, 'partition')}: ${names}`;
  const text = full.length > max ? `${full.slice(0, Math.max(8, max) - 1)}…` : full;
  return { line: indexLines(relation), text };
}

/** Width of one character of the index footer's 10 px monospace font. */
const FOOTER_CHAR_PX = 6.1;

/** An index line shortened to fit a card of `width` px: the tags always stay visible. */
export function badgeLine(badge: IndexBadge, width: number, padding: number): string {
  const max = Math.floor((width - 2 * padding) / FOOTER_CHAR_PX) - 2;
  const tags = badge.tags.join(' ');
  const room = Math.max(8, max - (tags ? tags.length + 1 : 0));
  const text = `${badge.name} ${badge.keys}`;
  return text.length > room ? `${text.slice(0, room - 1)}…` : text;
}
