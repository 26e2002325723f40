// A made-up schema for warming ELK up before the first real diagram. It goes through the
// same path as a real one (cards with a port per column, foreign keys between columns,
// a few unconnected tables to pack, pinned cards), so the code V8 optimises is the code the
// first diagram runs.
import {
  emptyRelation,
  withDerivedFlags,
  type Column,
  type Relation,
  type SchemaModel,
} from '../../schema/model';

function column(name: string, type: string, nullable: boolean): Column {
  return {
    name,
    type,
    nullable,
    default: null,
    generated: null,
    identity: null,
    collation: null,
    comment: null,
    isPrimaryKey: false,
    isForeignKey: false,
    isUnique: false,
  };
}

/** `tables` tables, most with one or two foreign keys to earlier ones, deterministic. */
export function warmUpModel(tables: number): SchemaModel {
  const relations: Relation[] = [];
  for (let i = 0; i < tables; i++) {
    const name = `warm_${i}`;
    const rel = emptyRelation('public', name, 'table');
    const refs = i === 0 || i % 7 === 6 ? [] : [Math.floor(i / 2), Math.floor(i / 3)];
    // Every seventh table is an island: no keys of its own, and nothing refers to it.
    const targets = [...new Set(refs)].filter((t) => t < i && t % 7 !== 6);
    rel.columns = [
      column('id', 'bigint', false),
      ...targets.map((t) => column(`warm_${t}_id`, 'bigint', i % 2 === 0)),
      column('name', 'text', false),
      ...Array.from({ length: i % 5 }, (_, c) => column(`attr_${c}`, 'integer', true)),
    ];
    rel.primaryKey = { name: `${name}_pkey`, columns: ['id'] };
    rel.foreignKeys = targets.map((t) => ({
      name: `${name}_warm_${t}_fkey`,
      columns: [`warm_${t}_id`],
      referencedKey: `public.warm_${t}`,
      referencedColumns: ['id'],
      onDelete: 'no action',
      onUpdate: 'no action',
      match: 'simple',
      deferrable: false,
      initiallyDeferred: false,
      validated: true,
      enforced: true,
      fkCoveredBy: null,
    }));
    relations.push(withDerivedFlags(rel));
  }
  return {
    engine: 'postgres',
    schemas: ['public'],
    relations: relations.sort((a, b) => (a.key < b.key ? -1 : 1)),
    enums: [],
    domains: [],
    sequences: [],
  };
}
