// Crow's-foot ends for foreign keys, derived from the schema alone.
import {
  isColumnSetUnique,
  type ForeignKey,
  type Relation,
  type SchemaModel,
} from '../../schema/model';

export interface RelationshipEnd {
  /** Crow's foot ("many") or a bar ("one"). */
  max: 'one' | 'many';
  /** Circle (zero allowed) or bar (at least one). */
  min: 'zero' | 'one';
}

export interface Cardinality {
  /** The child (referencing) relation and the position of the FK in its `foreignKeys`. */
  fromKey: string;
  foreignKeyIndex: number;
  /** End drawn at the child: how many child rows one parent row can have. */
  child: RelationshipEnd;
  /** End drawn at the parent: how many parent rows one child row points to. */
  parent: RelationshipEnd;
}

/**
 * The two ends of one FK. Child end: "many" unless the FK columns are unique (1:1); a parent
 * may have no children, so it is always optional. Parent end: "one"; mandatory when every FK
 * column is NOT NULL, optional when a NULL lets a child row have no parent.
 */
export function foreignKeyCardinality(child: Relation, fk: ForeignKey, index: number): Cardinality {
  const nullable = fk.columns.some(
    (name) => child.columns.find((c) => c.name === name)?.nullable ?? true,
  );
  return {
    fromKey: child.key,
    foreignKeyIndex: index,
    child: { max: isColumnSetUnique(child, fk.columns) ? 'one' : 'many', min: 'zero' },
    parent: { max: 'one', min: nullable ? 'zero' : 'one' },
  };
}

/** Cardinalities of every FK in the model, keyed `${fromKey}#${foreignKeyIndex}`. */
export function cardinalities(model: SchemaModel): Map<string, Cardinality> {
  const out = new Map<string, Cardinality>();
  for (const r of model.relations) {
    r.foreignKeys.forEach((fk, i) => out.set(`${r.key}#${i}`, foreignKeyCardinality(r, fk, i)));
  }
  return out;
}
