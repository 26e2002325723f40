// The engine-neutral schema model that both introspection adapters produce and the ERD,
// the review rules and the comparison read. Plain data only (JSON-serialisable), so it can
// cross the worker boundary and be fingerprinted.
import type { EngineId } from '../engine/types';

export type RelationKind =
  | 'table'
  | 'view'
  | 'materialized-view'
  | 'partitioned-table'
  | 'foreign-table'
  /** SQLite `CREATE VIRTUAL TABLE` (fts, rtree…): rows come from a module, not a b-tree. */
  | 'virtual-table';

export type ForeignKeyAction = 'no action' | 'restrict' | 'cascade' | 'set null' | 'set default';

export interface GeneratedColumn {
  kind: 'stored' | 'virtual';
  expression: string;
}

export interface Column {
  name: string;
  /** The type as the engine names it: `format_type()` on Postgres, the declared type on SQLite. */
  type: string;
  nullable: boolean;
  /** Default expression as the engine prints it; null when none (generated columns: null). */
  default: string | null;
  generated: GeneratedColumn | null;
  identity: 'always' | 'by-default' | null;
  /** Only when set explicitly, i.e. different from the type's default collation. */
  collation: string | null;
  comment: string | null;
  isPrimaryKey: boolean;
  /** Part of at least one foreign key of this relation. */
  isForeignKey: boolean;
  /** Unique on its own through a UNIQUE constraint or a full unique index (the PK not counted). */
  isUnique: boolean;
}

export interface PrimaryKey {
  /** SQLite keeps no name unless the DDL said `CONSTRAINT name PRIMARY KEY`. */
  name: string | null;
  columns: string[];
}

export interface UniqueConstraint {
  name: string | null;
  columns: string[];
  /** Postgres `NULLS NOT DISTINCT`. */
  nullsNotDistinct: boolean;
}

export interface CheckConstraint {
  name: string | null;
  /** The expression inside `CHECK (…)` as the engine prints it (SQLite: as written). */
  expression: string;
  /** Columns the check refers to (Postgres: `conkey`; SQLite: column-level owner or names found). */
  columns: string[];
  /** False for Postgres `NOT VALID`. */
  validated: boolean;
  /** False for Postgres 18 `NOT ENFORCED`. */
  enforced: boolean;
  /** Postgres: inherited from a parent table rather than declared here. */
  inherited: boolean;
}

export interface ForeignKey {
  name: string | null;
  columns: string[];
  /** Key of the referenced relation; it may be missing from the model (SQLite allows that). */
  referencedKey: string;
  referencedColumns: string[];
  onDelete: ForeignKeyAction;
  onUpdate: ForeignKeyAction;
  match: 'simple' | 'full' | 'partial';
  deferrable: boolean;
  initiallyDeferred: boolean;
  /** False for `NOT VALID`. */
  validated: boolean;
  /** False for Postgres 18 `NOT ENFORCED`. */
  enforced: boolean;
  /** Name of an index (or the PK) whose leading key columns are exactly these columns. */
  fkCoveredBy: string | null;
}

export type IndexPart =
  | { kind: 'column'; column: string; descending: boolean }
  | { kind: 'expression'; expression: string; descending: boolean };

export interface Index {
  name: string;
  /** Access method: btree, hash, gin, gist, brin, spgist… (always btree on SQLite). */
  method: string;
  unique: boolean;
  primary: boolean;
  parts: IndexPart[];
  /** Postgres `INCLUDE (…)` columns, not part of the key. */
  include: string[];
  /** Partial index predicate, without the `WHERE`. */
  predicate: string | null;
  /** Constraint the index implements (PK/UNIQUE/EXCLUDE), when any. */
  constraint: string | null;
  /** Full definition as the engine prints it (`pg_get_indexdef`, SQLite's CREATE INDEX). */
  definition: string | null;
}

export type TriggerEvent = 'insert' | 'update' | 'delete' | 'truncate';

export interface Trigger {
  name: string;
  timing: 'before' | 'after' | 'instead of';
  events: TriggerEvent[];
  /** `UPDATE OF a, b` columns. */
  updateColumns: string[];
  level: 'row' | 'statement';
  /** Postgres trigger function, schema-qualified; null on SQLite (the body is in `definition`). */
  function: string | null;
  when: string | null;
  definition: string;
  enabled: boolean;
}

export type PolicyCommand = 'all' | 'select' | 'insert' | 'update' | 'delete';

export interface Policy {
  name: string;
  command: PolicyCommand;
  permissive: boolean;
  roles: string[];
  using: string | null;
  withCheck: string | null;
}

export interface SqliteTableOptions {
  withoutRowid: boolean;
  strict: boolean;
  /** An `INTEGER PRIMARY KEY AUTOINCREMENT` column exists. */
  autoincrement: boolean;
}

export interface Relation {
  /** `schema.name`; SQLite uses schema `main`. Unquoted, as the engine stores the names. */
  key: string;
  schema: string;
  name: string;
  kind: RelationKind;
  comment: string | null;
  columns: Column[];
  primaryKey: PrimaryKey | null;
  uniques: UniqueConstraint[];
  checks: CheckConstraint[];
  foreignKeys: ForeignKey[];
  indexes: Index[];
  triggers: Trigger[];
  /** Declarative partitioning: the parent's key, and `FOR VALUES …` of this partition. */
  partitionOf: string | null;
  partitionBound: string | null;
  /** For partitioned tables: `RANGE (payment_date)` etc. */
  partitionKey: string | null;
  /** Classic inheritance parents (`INHERITS`), keys in declaration order. */
  inherits: string[];
  /** SELECT of views and materialized views. */
  viewDefinition: string | null;
  rowSecurity: { enabled: boolean; forced: boolean };
  policies: Policy[];
  /** SQLite table options; null on Postgres and for SQLite views. */
  sqlite: SqliteTableOptions | null;
  /**
   * Set by the diagram only, never by introspection: the partitions drawn inside this
   * partitioned table's card instead of as cards of their own (see `src/erd/fold.ts`).
   */
  foldedPartitions?: FoldedPartition[];
}

/** A partition listed in its partitioned table's card. */
export interface FoldedPartition {
  key: string;
  name: string;
  /** `FOR VALUES …` as the engine prints it. */
  bound: string | null;
  /** Name of the partition it belongs to, when it is a sub-partition; null for direct ones. */
  under: string | null;
}

export interface EnumType {
  key: string;
  schema: string;
  name: string;
  labels: string[];
  comment: string | null;
}

export interface DomainType {
  key: string;
  schema: string;
  name: string;
  baseType: string;
  notNull: boolean;
  default: string | null;
  collation: string | null;
  checks: { name: string; expression: string }[];
  comment: string | null;
}

export interface Sequence {
  key: string;
  schema: string;
  name: string;
  type: string;
  /** int8 values stay text so nothing is rounded. */
  start: string;
  increment: string;
  min: string;
  max: string;
  cycle: boolean;
  /** The column that owns it (`OWNED BY`, serial, identity). */
  ownedBy: { relationKey: string; column: string } | null;
  identity: boolean;
}

export interface SchemaModel {
  engine: EngineId;
  /** User schemas, sorted (SQLite: `['main']`). */
  schemas: string[];
  /** Sorted by key. */
  relations: Relation[];
  enums: EnumType[];
  domains: DomainType[];
  sequences: Sequence[];
}

/** Builds the stable relation key `schema.name`. */
export function relationKey(schema: string, name: string): string {
  return `${schema}.${name}`;
}

/** Looks a relation up by key (linear; build a Map when calling it in a loop). */
export function findRelation(model: SchemaModel, key: string): Relation | undefined {
  return model.relations.find((r) => r.key === key);
}

/** Children of a relation: partitions and inheriting tables (parent → child). */
export function childRelations(model: SchemaModel, parentKey: string): Relation[] {
  return model.relations.filter(
    (r) => r.partitionOf === parentKey || r.inherits.includes(parentKey),
  );
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/**
 * The index whose first `columns.length` key parts are exactly `columns` (any order), so a
 * lookup by those columns can use it. Partial indexes do not count: they skip rows.
 */
export function findCoveringIndex(relation: Relation, columns: readonly string[]): string | null {
  if (columns.length === 0) return null;
  const pk = relation.primaryKey;
  // SQLite's INTEGER PRIMARY KEY is the rowid itself and has no index row of its own.
  if (pk && sameSet(pk.columns.slice(0, columns.length), columns)) {
    const pkIndex = relation.indexes.find((i) => i.primary);
    return pkIndex?.name ?? pk.name ?? 'PRIMARY KEY';
  }
  for (const index of relation.indexes) {
    if (index.predicate !== null || index.parts.length < columns.length) continue;
    const lead = index.parts.slice(0, columns.length);
    const names = lead.flatMap((p) => (p.kind === 'column' ? [p.column] : []));
    if (names.length === columns.length && sameSet(names, columns)) return index.name;
  }
  return null;
}

/** Whether a foreign key's columns lead some index, so deletes on the parent need no scan. */
export function isForeignKeyIndexed(relation: Relation, fk: ForeignKey): boolean {
  return findCoveringIndex(relation, fk.columns) !== null;
}

/** Whether `columns` as a set are unique in `relation` (PK, UNIQUE, or a full unique index). */
export function isColumnSetUnique(relation: Relation, columns: readonly string[]): boolean {
  if (columns.length === 0) return false;
  if (relation.primaryKey && sameSet(relation.primaryKey.columns, columns)) return true;
  if (relation.uniques.some((u) => sameSet(u.columns, columns))) return true;
  return relation.indexes.some(
    (i) =>
      i.unique &&
      i.predicate === null &&
      i.parts.every((p) => p.kind === 'column') &&
      sameSet(
        i.parts.map((p) => (p.kind === 'column' ? p.column : '')),
        columns,
      ),
  );
}

/**
 * Fills the derived fields (`isPrimaryKey`, `isForeignKey`, `isUnique`, `fkCoveredBy`) from
 * the constraints, so both adapters derive them the same way. Returns a new relation.
 */
export function withDerivedFlags(relation: Relation): Relation {
  const pkCols = new Set(relation.primaryKey?.columns ?? []);
  const fkCols = new Set(relation.foreignKeys.flatMap((f) => f.columns));
  const columns = relation.columns.map((c) => ({
    ...c,
    isPrimaryKey: pkCols.has(c.name),
    isForeignKey: fkCols.has(c.name),
    isUnique:
      relation.uniques.some((u) => u.columns.length === 1 && u.columns[0] === c.name) ||
      relation.indexes.some(
        (i) =>
          i.unique &&
          !i.primary &&
          i.predicate === null &&
          i.parts.length === 1 &&
          i.parts[0]?.kind === 'column' &&
          i.parts[0].column === c.name,
      ),
  }));
  const withCols = { ...relation, columns };
  const foreignKeys = relation.foreignKeys.map((f) => ({
    ...f,
    fkCoveredBy: findCoveringIndex(withCols, f.columns),
  }));
  return { ...withCols, foreignKeys };
}

/** A column with nothing but a name, a type and nullability; flags come from withDerivedFlags. */
export function plainColumn(name: string, type: string, nullable: boolean): Column {
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

/** A plain, enforced `NO ACTION` foreign key; coverage comes from withDerivedFlags. */
export function plainForeignKey(
  name: string,
  columns: string[],
  referencedKey: string,
  referencedColumns: string[],
): ForeignKey {
  return {
    name,
    columns,
    referencedKey,
    referencedColumns,
    onDelete: 'no action',
    onUpdate: 'no action',
    match: 'simple',
    deferrable: false,
    initiallyDeferred: false,
    validated: true,
    enforced: true,
    fkCoveredBy: null,
  };
}

/** A relation with every list empty, for adapters to fill in. */
export function emptyRelation(schema: string, name: string, kind: RelationKind): Relation {
  return {
    key: relationKey(schema, name),
    schema,
    name,
    kind,
    comment: null,
    columns: [],
    primaryKey: null,
    uniques: [],
    checks: [],
    foreignKeys: [],
    indexes: [],
    triggers: [],
    partitionOf: null,
    partitionBound: null,
    partitionKey: null,
    inherits: [],
    viewDefinition: null,
    rowSecurity: { enabled: false, forced: false },
    policies: [],
    sqlite: null,
  };
}
