// The one entry point for pasted or engine-produced plan text: detects the format and
// returns a Plan or an error meant for the person who pasted it. It never throws.

import { detectFormat } from './detect';
import { parsePostgresJson } from './postgres-json';
import { parsePostgresText } from './postgres-text';
import { parseFailure, type PlanParseResult } from './result';
import { parseSqliteEqpText } from './sqlite-text';

/** Options for `parsePlan`. */
export interface ParsePlanOptions {
  /** SQLite: the statement's measured run time in milliseconds, kept on the plan. */
  readonly measuredTime?: number;
}

/** Reads Postgres JSON/TEXT EXPLAIN output (psql/pgAdmin framing allowed) or a sqlite3 plan. */
export function parsePlan(input: string, options: ParsePlanOptions = {}): PlanParseResult {
  try {
    // Fast path: plain JSON (what the app's own EXPLAIN returns) needs no unframing.
    const trimmed = input.trimStart();
    if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
      const direct = parsePostgresJson(input, input);
      if (direct.ok) return direct;
    }
    const { format, lines } = detectFormat(input);
    switch (format) {
      case 'empty':
        return parseFailure('There is nothing to read. Paste the output of EXPLAIN here.');
      case 'json':
        return parsePostgresJson(lines.map((l) => l.text).join('\n'), input);
      case 'sqlite-eqp':
        return parseSqliteEqpText(lines, input, options);
      case 'text':
        return parsePostgresText(input);
    }
  } catch (e) {
    // A parser bug must not take the page down; report it like any unreadable plan.
    const reason = e instanceof Error ? e.message : String(e);
    return parseFailure(`The plan could not be read because of an unexpected problem: ${reason}`);
  }
}
