// Hand-made statement results for tests of alignment and the compare view.
import type { StatementResult } from '../../../src/engine/types';

let nextFrom = 0;

/** A source offset no other made-up statement uses, so each result is its own statement. */
export function freshOffset(): number {
  return (nextFrom += 100);
}

/** A successful result of `sql`; `over` replaces any field. */
export function statementResult(sql: string, over: Partial<StatementResult> = {}): StatementResult {
  const from = over.range?.from ?? freshOffset();
  return {
    index: 0,
    range: { from, to: from + sql.length },
    sql,
    firstLine: sql,
    status: 'ok',
    command: sql.split(' ')[0]?.toUpperCase() ?? '',
    columns: [],
    rows: [],
    rowCount: over.rows?.length ?? 0,
    truncated: false,
    rowsAffected: null,
    notices: [],
    durationMs: 1,
    mutates: false,
    ...over,
  };
}
