// Row shapes of the JSON parts in postgres-queries.ts; property names match the SQL aliases.
// Column lists are attnum arrays, named in postgres.ts from the `columns` part.

export interface RelationRow {
  oid: number;
  schema: string;
  name: string;
  kind: string;
  comment: string | null;
  bound: string | null;
  partkey: string | null;
  viewdef: string | null;
  is_partition: boolean;
  rls: boolean;
  rls_forced: boolean;
  parents: [string, string][] | null;
}
export interface ColumnRow {
  rel: number;
  num: number;
  name: string;
  type: string;
  nullable: boolean;
  expr: string | null;
  generated: string;
  identity: string;
  collation: string | null;
  comment: string | null;
}
export interface ConstraintRow {
  rel: number;
  name: string;
  type: 'p' | 'u' | 'f' | 'c';
  columns: number[] | null;
  ref: number;
  ref_schema: string | null;
  ref_name: string | null;
  ref_columns: number[] | null;
  on_update: string;
  on_delete: string;
  match: string;
  deferrable: boolean;
  deferred: boolean;
  validated: boolean;
  enforced: boolean;
  inherited: boolean;
  expr: string | null;
  nulls_not_distinct: boolean;
}
export interface IndexRow {
  rel: number;
  name: string;
  method: string;
  is_unique: boolean;
  is_primary: boolean;
  nkey: number;
  keys: number[];
  options: number[];
  exprs: (string | null)[] | null;
  predicate: string | null;
  constraint_name: string | null;
  definition: string | null;
}
export interface TriggerRow {
  rel: number;
  name: string;
  type: number;
  enabled: boolean;
  function: string;
  definition: string;
  update_columns: number[] | null;
}
export interface PolicyRow {
  rel: number;
  name: string;
  cmd: string;
  permissive: boolean;
  roles: string[] | null;
  using_expr: string | null;
  check_expr: string | null;
}
export interface EnumRow {
  schema: string;
  name: string;
  comment: string | null;
  labels: string[] | null;
}
export interface DomainRow {
  schema: string;
  name: string;
  comment: string | null;
  base_type: string;
  not_null: boolean;
  default_expr: string | null;
  collation: string | null;
  checks: [string, string][] | null;
}
export interface SequenceRow {
  schema: string;
  name: string;
  type: string;
  start: string;
  increment: string;
  min: string;
  max: string;
  cycle: boolean;
  owner_schema: string | null;
  owner_name: string | null;
  owner_column: string | null;
  identity: boolean | null;
}
export interface PgCatalog {
  schemas: { name: string }[];
  relations: RelationRow[];
  columns: ColumnRow[];
  constraints: ConstraintRow[];
  indexes: IndexRow[];
  triggers: TriggerRow[];
  policies: PolicyRow[];
  enums: EnumRow[];
  domains: DomainRow[];
  sequences: SequenceRow[];
}
