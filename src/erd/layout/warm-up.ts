// A made-up schema for warming ELK up before the first real diagram. It goes through the
// same path as a real one (cards with a port per column, foreign keys between columns,
// a few unconnected tables to pack, pinned cards), so the code V8 optimises is the code the
// first diagram runs.
import {
  emptyRelation,
  plainColumn,
  plainForeignKey,
  withDerivedFlags,
  type Relation,
  type SchemaModel,
} from '../../schema/model';

/**
 * `tables` tables, most with one or two foreign keys to earlier ones, deterministic. Each
 * `shape` wires the keys differently (chains, stars, long jumps), so that V8 optimises ELK
 * for graphs of several kinds rather than for one.
 */
export function warmUpModel(tables: number, shape = 0): SchemaModel {
  const relations: Relation[] = [];
  for (let i = 0; i < tables; i++) {
    const name = `warm_${i}`;
    const rel = emptyRelation('public', name, 'table');
    const refs =
      i === 0 || i % 7 === 6
        ? []
        : [Math.floor(i / (2 + shape)), Math.floor((i * (shape + 2)) / (shape + 5))];
    // Every seventh table is an island: no keys of its own, and nothing refers to it.
    const targets = [...new Set(refs)].filter((t) => t < i && t % 7 !== 6);
    rel.columns = [
      plainColumn('id', 'bigint', false),
      ...targets.map((t) => plainColumn(`warm_${t}_id`, 'bigint', i % 2 === 0)),
      plainColumn('name', 'text', false),
      ...Array.from({ length: i % 5 }, (_, c) => plainColumn(`attr_${c}`, 'integer', true)),
    ];
    rel.primaryKey = { name: `${name}_pkey`, columns: ['id'] };
    rel.foreignKeys = targets.map((t) =>
      plainForeignKey(`${name}_warm_${t}_fkey`, [`warm_${t}_id`], `public.warm_${t}`, ['id']),
    );
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
