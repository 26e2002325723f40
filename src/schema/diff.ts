// Compares two schema models relation by relation. The ERD uses it to keep unchanged tables
// where the user left them and to lay out only what is new.
import type { Relation, SchemaModel } from './model';

export interface SchemaDiff {
  added: string[];
  removed: string[];
  /** Present in both, with a different fingerprint. */
  changed: string[];
  unchanged: string[];
  /** Changed, but the card looks the same and has the same edges (e.g. a new index or check). */
  changedOutsideLayout: string[];
}

/** Key order of objects is sorted so two equal models always serialise the same way. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** FNV-1a over UTF-16 code units, two independent 32-bit lanes → 16 hex chars. */
function hash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** A stable hash of everything the model says about the relation. */
export function relationFingerprint(relation: Relation): string {
  return hash(canonical(relation));
}

/**
 * A stable hash of only what changes the relation's card and edges in the diagram: kind,
 * column names/types/flags and foreign keys. A new index or comment leaves it unchanged.
 */
export function layoutFingerprint(relation: Relation): string {
  return hash(
    canonical({
      kind: relation.kind,
      columns: relation.columns.map((c) => [
        c.name,
        c.type,
        c.nullable,
        c.isPrimaryKey,
        c.isForeignKey,
        c.isUnique,
      ]),
      fks: relation.foreignKeys.map((f) => [f.columns, f.referencedKey, f.referencedColumns]),
      parents: [relation.partitionOf, relation.inherits],
    }),
  );
}

/**
 * True when two models say exactly the same (key order aside). After a run that created or
 * altered nothing, the new model is the same as the old one, and the page keeps the old one:
 * nothing that depends on the schema (diagram layout, completion, review) is redone.
 */
export function sameSchema(a: SchemaModel | undefined, b: SchemaModel): boolean {
  if (a === undefined) return false;
  if (a === b) return true;
  // Cheap checks first: a run that created or dropped something is told apart without
  // serialising two large models.
  if (a.relations.length !== b.relations.length) return false;
  if (a.relations.some((r, i) => r.key !== b.relations[i]?.key)) return false;
  return canonical(a) === canonical(b);
}

/** Which relations were added, removed, changed or left alone between two models. */
export function diffSchemas(before: SchemaModel | null, after: SchemaModel): SchemaDiff {
  const old = new Map((before?.relations ?? []).map((r) => [r.key, r]));
  const diff: SchemaDiff = {
    added: [],
    removed: [],
    changed: [],
    unchanged: [],
    changedOutsideLayout: [],
  };
  const seen = new Set<string>();
  for (const relation of after.relations) {
    seen.add(relation.key);
    const prev = old.get(relation.key);
    if (!prev) {
      diff.added.push(relation.key);
    } else if (relationFingerprint(prev) === relationFingerprint(relation)) {
      diff.unchanged.push(relation.key);
    } else {
      diff.changed.push(relation.key);
      if (layoutFingerprint(prev) === layoutFingerprint(relation)) {
        diff.changedOutsideLayout.push(relation.key);
      }
    }
  }
  for (const key of old.keys()) if (!seen.has(key)) diff.removed.push(key);
  for (const list of Object.values(diff)) list.sort();
  return diff;
}
