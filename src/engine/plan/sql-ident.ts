// Writing SQL that the suggestions hand to the user: identifiers quoted only when needed,
// table names qualified only outside `public`, and deterministic index names.

// Words that cannot be used as bare column or table names in Postgres or SQLite.
const RESERVED = new Set(
  (
    'all analyse analyze and any array as asc asymmetric both case cast check collate column ' +
    'constraint create current_catalog current_date current_role current_time current_timestamp ' +
    'current_user default deferrable desc distinct do else end except false fetch for foreign ' +
    'from grant group having in initially intersect into lateral leading limit localtime ' +
    'localtimestamp not null offset on only or order placing primary references returning ' +
    'select session_user some symmetric system_user table then to trailing true union unique ' +
    'user using variadic when where window with index key'
  ).split(' '),
);

/** Quotes an identifier when it is not a plain lower-case name or is a reserved word. */
export function quoteIdent(name: string): string {
  if (/^[a-z_][a-z0-9_$]*$/.test(name) && !RESERVED.has(name)) return name;
  return `"${name.replace(/"/g, '""')}"`;
}

/** `schema.table` for tables outside `public` (or when no schema is known, just `table`). */
export function tableRef(table: string, schema?: string): string {
  const quoted = quoteIdent(table);
  return schema && schema !== 'public' ? `${quoteIdent(schema)}.${quoteIdent(table)}` : quoted;
}

// Postgres truncates identifiers to 63 bytes; staying under keeps the name we print exact.
const MAX_NAME = 63;

/** A deterministic object name such as `idx_orders_customer_id` from a prefix and parts. */
export function objectName(prefix: string, table: string, parts: readonly string[]): string {
  const slug = [table, ...parts]
    .join('_')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
  return `${prefix}_${slug}`.slice(0, MAX_NAME).replace(/_$/, '');
}

/** `CREATE INDEX name ON table (keys)` plus its undo, for Postgres or SQLite. */
export function createIndexSql(options: {
  table: string;
  schema?: string;
  /** Column names, or expressions already written as SQL, e.g. `(lower(email))`. */
  keys: readonly { sql: string; name: string }[];
}): { sql: string; undoSql: string; name: string } {
  const name = objectName(
    'idx',
    options.table,
    options.keys.map((k) => k.name),
  );
  const qualifiedName =
    options.schema && options.schema !== 'public'
      ? `${quoteIdent(options.schema)}.${quoteIdent(name)}`
      : quoteIdent(name);
  const keys = options.keys.map((k) => k.sql).join(', ');
  return {
    name,
    sql: `CREATE INDEX ${quoteIdent(name)} ON ${tableRef(options.table, options.schema)} (${keys});`,
    undoSql: `DROP INDEX ${qualifiedName};`,
  };
}

/** A plain column as an index key. */
export function columnKey(column: string): { sql: string; name: string } {
  return { sql: quoteIdent(column), name: column };
}
