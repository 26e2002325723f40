// How a suggested port goes into the compare script. Two placements:
//
// - `replace`: the ported statement replaces the original in place. Only when every port
//   that produced it is known to give SQL that BOTH engines accept with the same meaning
//   (now() → CURRENT_TIMESTAMP, ifnull() → coalesce(), [name] → "name"…). We cannot run the
//   port on a throwaway database to find out (the state at that statement is gone after the
//   run), so the decision is this table, checked against the real engines by
//   tests/unit/compare-ui/port-edit.test.ts.
// - `variant`: the original and the port go into a `-- @postgres / -- @sqlite / -- @end`
//   block, each engine keeping its own statement. Used for every other port (ILIKE → LIKE
//   runs on Postgres but is case-sensitive there; serial → INTEGER PRIMARY KEY runs on
//   Postgres but numbers nothing), and whenever the user asks for a variant.

import type { PortSuggestion } from '../../compare';
import type { EngineId, SourceRange } from '../../engine/types';

export type PortPlacement = 'replace' | 'variant';

/**
 * Entries whose port output runs on both engines, by the engine the statement failed on.
 * Anything not listed here becomes a variant block.
 */
const BOTH_ENGINES: Record<EngineId, ReadonlySet<string>> = {
  // Written for Postgres, failed on SQLite: the rewrite is standard SQL Postgres also runs.
  sqlite: new Set(['now-function', 'cast-syntax', 'truncate']),
  // Written for SQLite, failed on Postgres: SQLite also runs the rewrite.
  postgres: new Set([
    'now-function',
    'ifnull-coalesce',
    'string-aggregation',
    'identifier-case',
    'upsert-on-conflict',
  ]),
};

/**
 * Some ports emit engine-specific text for some inputs: SQLite's date('now') becomes
 * LOCALTIMESTAMP(0) (Postgres only), and a `::date` cast becomes SQLite's date() function
 * rather than CAST (which SQLite would turn into a number). Such output is not portable.
 */
const ENGINE_SPECIFIC_OUTPUT = /\blocaltimestamp\b|\b(date|datetime|time|json)\s*\(/gi;

function count(pattern: RegExp, text: string): number {
  return [...text.matchAll(pattern)].length;
}

/** Where a suggested port should go: in place, or in a variant block next to the original. */
export function portPlacement(
  suggestion: PortSuggestion,
  failing: EngineId,
  original: string,
): PortPlacement {
  const known = suggestion.applied.every((a) => BOTH_ENGINES[failing].has(a.entryId));
  if (!known) return 'variant';
  const added =
    count(ENGINE_SPECIFIC_OUTPUT, suggestion.ported) > count(ENGINE_SPECIFIC_OUTPUT, original);
  return added ? 'variant' : 'replace';
}

/** A replacement in the compare script, and the range of the new text afterwards. */
export interface ScriptEdit {
  range: SourceRange;
  text: string;
  /** Where the inserted text sits once the edit is applied. */
  inserted: SourceRange;
}

/**
 * The edit that puts `ported` into `script` for the statement at `range` (as the run saw
 * it). Undefined when the script changed since the run and the range no longer holds
 * `original`: editing by stale offsets would damage the user's text.
 */
export function portEdit(
  script: string,
  range: SourceRange,
  original: string,
  ported: string,
  failing: EngineId,
  placement: PortPlacement,
): ScriptEdit | undefined {
  if (script.slice(range.from, range.to) !== original) return undefined;
  if (placement === 'replace') {
    return { range, text: ported, inserted: { from: range.from, to: range.from + ported.length } };
  }
  // The block replaces the statement and its `;`; markers need lines of their own, so code
  // before or after it on the same line moves to another line.
  const semicolon = /^[ \t]*;/.exec(script.slice(range.to));
  const to = range.to + (semicolon?.[0].length ?? 0);
  const lineStart = script.lastIndexOf('\n', range.from - 1) + 1;
  const before = script.slice(lineStart, range.from).trim() ? '\n' : '';
  const lineEnd = script.indexOf('\n', to);
  const rest = script.slice(to, lineEnd < 0 ? script.length : lineEnd);
  const after = rest.trim() ? '\n' : '';
  const pg = failing === 'postgres' ? ported : original;
  const lite = failing === 'sqlite' ? ported : original;
  const block = `-- @postgres\n${pg};\n-- @sqlite\n${lite};\n-- @end`;
  const text = `${before}${block}${after}`;
  const start = range.from + before.length;
  return {
    range: { from: range.from, to },
    text,
    inserted: { from: start, to: start + block.length },
  };
}
