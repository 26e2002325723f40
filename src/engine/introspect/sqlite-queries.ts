// The catalog queries behind `introspectSqlite`. The table-valued pragma functions are joined
// to sqlite_schema so each query covers every table at once instead of one query per table.

/** User objects: skips SQLite's own (`sqlite_sequence`, `sqlite_stat1`, autoindex rows…). */
const USER_OBJECT = `m.name not like 'sqlite\\_%' escape '\\'`;

export const SQLITE_QUERIES = {
  /** Every CREATE statement: tables, views, indexes, triggers. */
  objects: `select m.type, m.name, m.tbl_name, m.sql from sqlite_schema m where ${USER_OBJECT}`,

  /** STRICT and WITHOUT ROWID flags, and `shadow` tables that belong to virtual tables. */
  tableList: `select name, type, wr, strict from pragma_table_list where schema = 'main'`,

  /** hidden: 0 normal, 1 hidden (virtual tables), 2 generated virtual, 3 generated stored. */
  columns: `
    select m.name as tbl, c.cid, c.name, c.type, c."notnull" as not_null, c.dflt_value, c.pk,
           c.hidden
    from sqlite_schema m join pragma_table_xinfo(m.name) c
    where m.type in ('table', 'view') and ${USER_OBJECT}
    order by m.name, c.cid`,

  /** One row per column pair; `id` groups the pairs of one key, `seq` orders them. */
  foreignKeys: `
    select m.name as tbl, f.id, f.seq, f."table" as ref_table, f."from" as from_col,
           f."to" as to_col, f.on_update, f.on_delete, f."match" as match_type
    from sqlite_schema m join pragma_foreign_key_list(m.name) f
    where m.type = 'table' and ${USER_OBJECT}
    order by m.name, f.id, f.seq`,

  /** cid -2 is an expression term, -1 the rowid; key = 0 rows are the implicit tail columns. */
  indexes: `
    select m.name as tbl, il.name as idx, il."unique" as is_unique, il.origin, il.partial,
           ix.seqno, ix.cid, ix.name as col, ix."desc" as descending, ix."key" as is_key
    from sqlite_schema m
    join pragma_index_list(m.name) il
    join pragma_index_xinfo(il.name) ix
    where m.type = 'table' and ${USER_OBJECT}
    order by m.name, il.name, ix.seqno`,
} as const;

/** Per-table fallback when a broken view makes the joined `columns` query fail. */
export const SQLITE_TABLE_COLUMNS = (table: string): string =>
  `select ${quoteLiteral(table)} as tbl, c.cid, c.name, c.type, c."notnull" as not_null, ` +
  `c.dflt_value, c.pk, c.hidden from pragma_table_xinfo(${quoteLiteral(table)}) c order by c.cid`;

/** Quotes a string literal for SQL. */
export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
