// Reads an SQLite database into the engine-neutral SchemaModel: pragmas for what SQLite
// records (columns, keys, indexes), the CREATE text for what it does not (checks, names…).
import {
  emptyRelation,
  withDerivedFlags,
  type CheckConstraint,
  type Column,
  type ForeignKey,
  type ForeignKeyAction,
  type Index,
  type Relation,
  type SchemaModel,
  type Trigger,
} from '../../schema/model';
import { flag, int, text, toObjects, type Row } from './rows';
import {
  parseCreateIndex,
  parseCreateTable,
  parseCreateTrigger,
  parseCreateView,
  referencedColumns,
  type ParsedTable,
} from './sqlite-ddl';
import { SQLITE_QUERIES, SQLITE_TABLE_COLUMNS } from './sqlite-queries';

import type { QueryFn } from './rows';

const SCHEMA = 'main';
const lower = (s: string): string => s.toLowerCase();

/** Groups rows by the text of one column, keeping query order. */
function groupBy(rows: Row[], column: string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = text(row, column) ?? '';
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/**
 * Column rows of every table and view in one query; a view over a dropped table makes the
 * joined pragma fail as a whole, so then each relation is read alone and broken ones skipped.
 */
async function readColumns(query: QueryFn, names: string[]): Promise<Row[]> {
  try {
    return toObjects(await query(SQLITE_QUERIES.columns));
  } catch {
    const rows: Row[] = [];
    for (const name of names) {
      try {
        rows.push(...toObjects(await query(SQLITE_TABLE_COLUMNS(name))));
      } catch {
        // A broken view: it keeps no columns in the model.
      }
    }
    return rows;
  }
}

const ACTIONS: Record<string, ForeignKeyAction> = {
  'NO ACTION': 'no action',
  RESTRICT: 'restrict',
  CASCADE: 'cascade',
  'SET NULL': 'set null',
  'SET DEFAULT': 'set default',
};

interface TableFacts {
  rel: Relation;
  parsed: ParsedTable | null;
  rowidTable: boolean;
}

/** Columns of one relation from `pragma_table_xinfo` rows plus what the DDL adds. */
function mapColumns(rows: Row[], facts: TableFacts): Column[] {
  const { parsed, rel } = facts;
  const visible = rows.filter((r) => int(r, 'hidden') !== 1);
  const pkCount = visible.filter((r) => (int(r, 'pk') ?? 0) > 0).length;
  return visible.map((r) => {
    const name = text(r, 'name') ?? '';
    const type = text(r, 'type') ?? '';
    const hidden = int(r, 'hidden') ?? 0;
    const inPk = (int(r, 'pk') ?? 0) > 0;
    const ddl = parsed?.columns.find((c) => lower(c.name) === lower(name));
    // INTEGER PRIMARY KEY is the rowid itself, never NULL; WITHOUT ROWID and STRICT tables
    // make every PK column NOT NULL. Other rowid-table PK columns may hold NULL (legacy quirk).
    const rowidAlias = facts.rowidTable && inPk && pkCount === 1 && lower(type) === 'integer';
    const pkNotNull = inPk && (rowidAlias || rel.sqlite?.withoutRowid || rel.sqlite?.strict);
    return {
      name,
      type,
      nullable: !flag(r, 'not_null') && !pkNotNull,
      default: hidden >= 2 ? null : text(r, 'dflt_value'),
      generated:
        hidden >= 2
          ? {
              kind: hidden === 3 ? 'stored' : 'virtual',
              expression: ddl?.generated?.expression ?? '',
            }
          : null,
      identity: null,
      collation: ddl?.collation ?? null,
      comment: null,
      isPrimaryKey: false,
      isForeignKey: false,
      isUnique: false,
    };
  });
}

/** Indexes from `pragma_index_list` × `pragma_index_xinfo` rows of one table. */
function mapIndexes(rows: Row[], facts: TableFacts, sqlByName: Map<string, string>): Index[] {
  const indexes: Index[] = [];
  for (const [name, parts] of groupBy(rows, 'idx')) {
    const first = parts[0];
    if (!first) continue;
    const origin = text(first, 'origin');
    const sql = sqlByName.get(name) ?? null;
    const parsed = sql ? parseCreateIndex(sql) : null;
    const keyParts = parts.filter((p) => flag(p, 'is_key'));
    const uniqueCols = keyParts.map((p) => lower(text(p, 'col') ?? ''));
    const constraint =
      origin === 'pk'
        ? (facts.parsed?.primaryKey?.name ?? null)
        : origin === 'u'
          ? (facts.parsed?.uniques.find((u) => u.columns.map(lower).join() === uniqueCols.join())
              ?.name ?? null)
          : null;
    indexes.push({
      name,
      method: 'btree',
      unique: flag(first, 'is_unique'),
      primary: origin === 'pk',
      parts: keyParts.map((p) => {
        const descending = flag(p, 'descending');
        const column = text(p, 'col');
        return column !== null
          ? { kind: 'column', column, descending }
          : {
              kind: 'expression',
              expression: parsed?.terms[int(p, 'seqno') ?? 0] ?? '',
              descending,
            };
      }),
      // SQLite has no INCLUDE: the key = 0 rows are the rowid / PK tail every entry carries.
      include: [],
      predicate: flag(first, 'partial') ? (parsed?.where ?? null) : null,
      constraint,
      definition: sql,
    });
  }
  return indexes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Foreign keys from `pragma_foreign_key_list` rows, in declaration order. */
function mapForeignKeys(
  rows: Row[],
  facts: TableFacts,
  relationsByLowerName: Map<string, Relation>,
): ForeignKey[] {
  const used = new Set<number>();
  const byId = [...groupBy(rows, 'id').values()].sort(
    // pragma ids count from the last declared key.
    (a, b) => (int(b[0] ?? {}, 'id') ?? 0) - (int(a[0] ?? {}, 'id') ?? 0),
  );
  return byId.map((pairs) => {
    const first = pairs[0] ?? {};
    const refName = text(first, 'ref_table') ?? '';
    const target = relationsByLowerName.get(lower(refName));
    const columns = pairs.map((p) => text(p, 'from_col') ?? '');
    const targetCols = target?.columns.map((c) => c.name) ?? [];
    const toCols = pairs.map((p) => text(p, 'to_col'));
    // `REFERENCES parent` without columns means the parent's primary key.
    const referencedColumns = toCols.every((c) => c === null)
      ? (target?.primaryKey?.columns ?? [])
      : toCols.map((c) => targetCols.find((t) => lower(t) === lower(c ?? '')) ?? c ?? '');
    const ddlIndex = (facts.parsed?.foreignKeys ?? []).findIndex(
      (f, i) =>
        !used.has(i) &&
        lower(f.table) === lower(refName) &&
        f.columns.map(lower).join() === columns.map(lower).join(),
    );
    used.add(ddlIndex);
    const ddl = facts.parsed?.foreignKeys[ddlIndex];
    return {
      name: ddl?.name ?? null,
      columns,
      referencedKey: `${SCHEMA}.${target?.name ?? refName}`,
      referencedColumns,
      onDelete: ACTIONS[text(first, 'on_delete') ?? ''] ?? 'no action',
      onUpdate: ACTIONS[text(first, 'on_update') ?? ''] ?? 'no action',
      // SQLite parses MATCH but always behaves as SIMPLE.
      match: 'simple',
      deferrable: ddl?.deferrable ?? false,
      initiallyDeferred: ddl?.initiallyDeferred ?? false,
      validated: true,
      enforced: true,
      fkCoveredBy: null,
    };
  });
}

function mapChecks(facts: TableFacts): CheckConstraint[] {
  const names = facts.rel.columns.map((c) => c.name);
  return (facts.parsed?.checks ?? []).map((c) => ({
    name: c.name,
    expression: c.expression,
    columns:
      c.column !== null
        ? [names.find((n) => lower(n) === lower(c.column ?? '')) ?? c.column]
        : referencedColumns(c.expression, names),
    validated: true,
    enforced: true,
    inherited: false,
  }));
}

function mapTrigger(name: string, sql: string): Trigger | null {
  const parsed = parseCreateTrigger(sql);
  if (!parsed) return null;
  return {
    name,
    ...parsed,
    level: 'row',
    function: null,
    definition: sql,
    enabled: true,
  };
}

/**
 * Introspects an SQLite (sql.js) database into a SchemaModel with five catalog queries,
 * whatever the number of tables.
 */
export async function introspectSqlite(query: QueryFn): Promise<SchemaModel> {
  const objects = toObjects(await query(SQLITE_QUERIES.objects));
  const tableList = new Map(
    toObjects(await query(SQLITE_QUERIES.tableList)).map((r) => [text(r, 'name') ?? '', r]),
  );
  const relationObjects = objects.filter((o) => {
    const type = text(o, 'type');
    const listed = tableList.get(text(o, 'name') ?? '');
    // Shadow tables store a virtual table's data; they are the module's business.
    return (type === 'table' || type === 'view') && text(listed ?? {}, 'type') !== 'shadow';
  });
  const columnRows = groupBy(
    await readColumns(
      query,
      relationObjects.map((o) => text(o, 'name') ?? ''),
    ),
    'tbl',
  );
  const fkRows = groupBy(toObjects(await query(SQLITE_QUERIES.foreignKeys)), 'tbl');
  const indexRows = groupBy(toObjects(await query(SQLITE_QUERIES.indexes)), 'tbl');
  const indexSql = new Map(
    objects
      .filter((o) => text(o, 'type') === 'index')
      .map((o) => [text(o, 'name') ?? '', text(o, 'sql') ?? '']),
  );

  const facts: TableFacts[] = relationObjects.map((o) => {
    const name = text(o, 'name') ?? '';
    const sql = text(o, 'sql') ?? '';
    const listed = tableList.get(name) ?? {};
    const isView = text(o, 'type') === 'view';
    const isVirtual = text(listed, 'type') === 'virtual';
    const rel = emptyRelation(
      SCHEMA,
      name,
      isView ? 'view' : isVirtual ? 'virtual-table' : 'table',
    );
    const parsed = isView || isVirtual ? null : parseCreateTable(sql);
    if (isView) rel.viewDefinition = parseCreateView(sql);
    else {
      rel.sqlite = {
        withoutRowid: flag(listed, 'wr'),
        strict: flag(listed, 'strict'),
        autoincrement: parsed?.autoincrement ?? false,
      };
    }
    const f: TableFacts = { rel, parsed, rowidTable: !isView && !flag(listed, 'wr') };
    const cols = columnRows.get(name) ?? [];
    rel.columns = mapColumns(cols, f);
    const pk = cols
      .filter((r) => (int(r, 'pk') ?? 0) > 0)
      .sort((a, b) => (int(a, 'pk') ?? 0) - (int(b, 'pk') ?? 0))
      .map((r) => text(r, 'name') ?? '');
    if (pk.length > 0) rel.primaryKey = { name: parsed?.primaryKey?.name ?? null, columns: pk };
    return f;
  });

  const byLowerName = new Map(facts.map((f) => [lower(f.rel.name), f.rel]));
  const triggers = objects.filter((o) => text(o, 'type') === 'trigger');
  for (const f of facts) {
    const { rel } = f;
    rel.indexes = mapIndexes(indexRows.get(rel.name) ?? [], f, indexSql);
    rel.uniques = rel.indexes
      .filter((i) => i.unique && !i.primary && i.definition === null)
      .map((i) => ({
        name: i.constraint,
        columns: i.parts.map((p) => (p.kind === 'column' ? p.column : p.expression)),
        nullsNotDistinct: false,
      }));
    rel.foreignKeys = mapForeignKeys(fkRows.get(rel.name) ?? [], f, byLowerName);
    rel.checks = mapChecks(f);
    rel.triggers = triggers
      .filter((t) => lower(text(t, 'tbl_name') ?? '') === lower(rel.name))
      .flatMap((t) => mapTrigger(text(t, 'name') ?? '', text(t, 'sql') ?? '') ?? [])
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  return {
    engine: 'sqlite',
    schemas: [SCHEMA],
    relations: facts
      .map((f) => withDerivedFlags(f.rel))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    enums: [],
    domains: [],
    sequences: [],
  };
}
