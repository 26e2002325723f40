// Short constructors for demo expectations, so that catalogue entries read as data.

import type { Cell } from '../../engine/types';
import type { StatementExpect } from '../types';

/** The statement succeeds, returning exactly `rows` when given. */
export function ok(
  rows?: Cell[][],
  extra: Omit<StatementExpect, 'status' | 'rows'> = {},
): StatementExpect {
  return { status: 'ok', ...(rows ? { rows } : {}), ...extra };
}

/** The statement fails with a message matching `pattern` (and SQLSTATE `code` on Postgres). */
export function err(pattern: string, code?: string): StatementExpect {
  return { status: 'error', errorMatches: pattern, ...(code ? { errorCode: code } : {}) };
}

/** `n` statements that succeed without checked rows (setup such as CREATE and INSERT). */
export function okN(n: number): StatementExpect[] {
  return Array.from({ length: n }, () => ok());
}
