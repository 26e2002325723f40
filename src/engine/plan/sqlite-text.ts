// Reads the EXPLAIN QUERY PLAN tree that the sqlite3 command-line shell draws (for
// `EXPLAIN QUERY PLAN …` and `.eqp on`), or its raw `id|parent|notused|detail` rows.

import type { SourceLine } from './framing';
import { parseFailure, type PlanParseResult } from './result';
import { planFromSqliteRows, type EqpRow, type SqlitePlanOptions } from './sqlite';

// |--SCAN t
// |  `--SEARCH u USING INDEX u_t (t_id=?)
// `--USE TEMP B-TREE FOR ORDER BY
const TREE_LINE = /^((?:[|`│ ] {2})*)(?:\|--|`--)(.*)$/;
// 2|0|216|SCAN t
const ROW_LINE = /^(\d+)\|(\d+)\|(\d+)\|(.*)$/;

/** True when every line is drawn like the sqlite3 shell's plan tree or its raw rows. */
export function looksLikeSqliteEqp(lines: readonly SourceLine[]): boolean {
  const content = lines.filter((l) => l.text.trim() !== '');
  if (content.length === 0) return false;
  return (
    content.every((l) => TREE_LINE.test(l.text.trimStart())) ||
    content.every((l) => ROW_LINE.test(l.text.trim()))
  );
}

/** Reads the sqlite3 shell's plan tree (or raw rows) into a plan. */
export function parseSqliteEqpText(
  lines: readonly SourceLine[],
  raw: string,
  options: SqlitePlanOptions = {},
): PlanParseResult {
  const rows: EqpRow[] = [];
  // A common indent (a pasted code block) is not part of the tree drawing.
  const margin = Math.min(
    ...lines
      .filter((l) => l.text.trim() !== '')
      .map((l) => l.text.length - l.text.trimStart().length),
  );
  // Ids of the most recent row at each depth, so a deeper row can find its parent.
  const parents: number[] = [];
  for (const { text, line } of lines) {
    const trimmed = text.trim();
    if (trimmed === '') continue;
    const row = ROW_LINE.exec(trimmed);
    if (row) {
      rows.push([Number(row[1]), Number(row[2]), Number(row[3]), row[4] ?? '']);
      continue;
    }
    const tree = TREE_LINE.exec(text.slice(margin));
    if (!tree) {
      return parseFailure(
        `Line ${line} could not be read: "${trimmed}". Expected a plan line such as "|--SCAN t".`,
        line,
      );
    }
    const depth = (tree[1] ?? '').length / 3;
    if (depth > parents.length) {
      return parseFailure(`Line ${line} is indented deeper than the line above it allows.`, line);
    }
    const id = rows.length + 1;
    rows.push([id, depth === 0 ? 0 : (parents[depth - 1] ?? 0), 0, tree[2] ?? '']);
    parents.length = depth;
    parents.push(id);
  }
  return planFromSqliteRows(rows, { ...options, raw });
}
