// The statements the engines run to get a plan this module can read.

/** Wraps a statement in the EXPLAIN each engine needs. */
export const EXPLAIN_SQL = {
  /** Runs the statement. Wrap data-changing statements in BEGIN … ROLLBACK to keep the data. */
  postgresAnalyze: (sql: string): string => `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`,
  /** Plans without running: estimates only. */
  postgresEstimate: (sql: string): string => `EXPLAIN (FORMAT JSON) ${sql}`,
  /** Rows (id, parent, notused, detail) for `planFromSqliteRows`. */
  sqlite: (sql: string): string => `EXPLAIN QUERY PLAN ${sql}`,
} as const;
