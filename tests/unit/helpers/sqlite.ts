// Opens real sql.js databases for tests.
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';

let sql: Promise<SqlJsStatic> | undefined;

/** A fresh in-memory SQLite database. */
export async function newSqlite(): Promise<Database> {
  sql ??= initSqlJs();
  return new (await sql).Database();
}
