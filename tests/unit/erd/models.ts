// Small schema models built in code for layout tests (no engine needed).
import {
  emptyRelation,
  plainColumn,
  plainForeignKey,
  withDerivedFlags,
  type Column,
  type Relation,
  type SchemaModel,
} from '../../../src/schema/model';

export interface TableSpec {
  name: string;
  columns: (string | [name: string, type: string, nullable?: boolean])[];
  pk?: string[];
  fks?: { columns: string[]; to: string; toColumns: string[] }[];
  unique?: string[][];
}

function column(spec: TableSpec['columns'][number]): Column {
  const [name, type, nullable] = typeof spec === 'string' ? [spec, 'integer', false] : spec;
  return plainColumn(name, type, nullable ?? false);
}

/** A Postgres-flavoured relation in schema `public`. */
export function table(spec: TableSpec): Relation {
  const rel = emptyRelation('public', spec.name, 'table');
  rel.columns = spec.columns.map(column);
  rel.primaryKey = {
    name: `${spec.name}_pkey`,
    columns: spec.pk ?? [rel.columns[0]?.name ?? 'id'],
  };
  rel.uniques = (spec.unique ?? []).map((columns, i) => ({
    name: `${spec.name}_uq${i}`,
    columns,
    nullsNotDistinct: false,
  }));
  rel.foreignKeys = (spec.fks ?? []).map((fk, i) =>
    plainForeignKey(`${spec.name}_fk${i}`, fk.columns, `public.${fk.to}`, fk.toColumns),
  );
  return withDerivedFlags(rel);
}

export function model(tables: TableSpec[]): SchemaModel {
  return {
    engine: 'postgres',
    schemas: ['public'],
    relations: tables.map(table).sort((a, b) => (a.key < b.key ? -1 : 1)),
    enums: [],
    domains: [],
    sequences: [],
  };
}

/** `count` tables with about `fkPerTable` FKs each to earlier tables, deterministic. */
export function generatedModel(count: number, fkPerTable = 2, seed = 7): SchemaModel {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const specs: TableSpec[] = [];
  for (let i = 0; i < count; i++) {
    const fks: NonNullable<TableSpec['fks']> = [];
    const extra: string[] = [];
    for (let k = 0; k < fkPerTable && i > 0; k++) {
      // Skewed towards early tables: a few hubs referenced by many, chains ~log(n) deep,
      // like real schemas (a chain as long as the schema would be a pathological layering).
      const to = Math.floor(i * rand() ** 2);
      extra.push(`ref${k}_id`);
      fks.push({
        columns: [`ref${k}_id`],
        to: `t${String(to).padStart(3, '0')}`,
        toColumns: ['id'],
      });
    }
    const columns = [
      'id',
      ...extra,
      ['name', 'varchar(80)'],
      ['created_at', 'timestamptz', true],
    ] as TableSpec['columns'];
    for (let c = 0; c < Math.floor(rand() * 6); c++) columns.push([`attr_${c}`, 'text', true]);
    specs.push({ name: `t${String(i).padStart(3, '0')}`, columns, fks });
  }
  return model(specs);
}

/** `count` tables without any foreign key. */
export function disconnectedModel(count: number): SchemaModel {
  return model(
    Array.from({ length: count }, (_, i) => ({
      name: `island_${i}`,
      columns: [
        'id',
        ['label', 'text'],
        ...Array.from({ length: i % 5 }, (_, c) => [`c${c}`, 'int'] as [string, string]),
      ],
    })),
  );
}
