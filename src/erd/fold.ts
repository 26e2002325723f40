// The model the diagram draws. A partitioned table is one card: its partitions are listed in
// that card's footer instead of being drawn as cards of their own. Pagila's `payment`, split
// into monthly partitions, would otherwise bring dozens of cards with the same columns.
import {
  withDerivedFlags,
  type FoldedPartition,
  type ForeignKey,
  type Relation,
  type SchemaModel,
} from '../schema/model';

const cache = new WeakMap<SchemaModel, SchemaModel>();

/**
 * `model` with every partition whose partitioned table is present folded into the top table
 * of its tree (sub-partitions too). The same model always gives the same object back, so
 * "is this the model on screen?" stays an identity check. A model without partitions is
 * returned as it is.
 */
export function diagramModel(model: SchemaModel): SchemaModel {
  const cached = cache.get(model);
  if (cached) return cached;
  const folded = fold(model);
  cache.set(model, folded);
  return folded;
}

function fold(model: SchemaModel): SchemaModel {
  const byKey = new Map(model.relations.map((r) => [r.key, r]));
  const isFolded = (r: Relation): boolean => r.partitionOf !== null && byKey.has(r.partitionOf);
  if (!model.relations.some(isFolded)) return model;
  const top = (r: Relation): Relation => {
    let current = r;
    const seen = new Set<string>();
    while (current.partitionOf && !seen.has(current.key)) {
      seen.add(current.key);
      const parent = byKey.get(current.partitionOf);
      if (!parent) break;
      current = parent;
    }
    return current;
  };
  const lists = new Map<string, FoldedPartition[]>();
  // Foreign keys declared on partitions (as Pagila declares them) are the table's too.
  const liftedKeys = new Map<string, ForeignKey[]>();
  for (const r of model.relations) {
    if (!isFolded(r)) continue;
    const root = top(r);
    const direct = r.partitionOf === root.key;
    const parentName = direct ? null : (byKey.get(r.partitionOf ?? '')?.name ?? null);
    const list = lists.get(root.key) ?? [];
    list.push({ key: r.key, name: r.name, bound: r.partitionBound, under: parentName });
    lists.set(root.key, list);
    const keys = liftedKeys.get(root.key) ?? [];
    keys.push(...r.foreignKeys);
    liftedKeys.set(root.key, keys);
  }
  // A key that references a partition points at the card the partition is folded into.
  const cardKey = (key: string): string => {
    const r = byKey.get(key);
    return r && isFolded(r) ? top(r).key : key;
  };
  const retarget = (f: ForeignKey): ForeignKey =>
    cardKey(f.referencedKey) === f.referencedKey
      ? f
      : { ...f, referencedKey: cardKey(f.referencedKey) };
  const relations = model.relations.flatMap((r): Relation[] => {
    if (isFolded(r)) return [];
    const partitions = lists.get(r.key);
    const own = r.foreignKeys.map(retarget);
    const changed = own.some((f, i) => f !== r.foreignKeys[i]);
    if (!partitions && !changed) return [r];
    const foreignKeys = distinct([...own, ...(liftedKeys.get(r.key) ?? []).map(retarget)]);
    const folded = partitions ? { foldedPartitions: partitions } : {};
    return [withDerivedFlags({ ...r, foreignKeys, ...folded })];
  });
  return { ...model, relations };
}

/** Foreign keys with the same columns and target once (each partition declares its own). */
function distinct(keys: ForeignKey[]): ForeignKey[] {
  const seen = new Set<string>();
  return keys.filter((f) => {
    const id = JSON.stringify([f.columns, f.referencedKey, f.referencedColumns]);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
