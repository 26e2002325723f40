// Attaches catalogue entries to the differences of a compare run, and suggests ported
// statements for the mechanical cases. Every difference is reported, matched or not.

import type { EngineId } from '../engine/types';
import type { AlignedRow, Difference } from './align';
import { CATALOGUE } from './catalogue';
import type { CatalogueEntry, EntryMatch } from './types';
import { blankLiterals, hasOrderBy } from './sql-text';

export interface EntryHit {
  entryId: string;
  title: string;
  /** Higher is more specific: rules with more criteria that hold score more. */
  score: number;
}

export interface Explanation {
  /** Index of the aligned row. */
  row: number;
  difference: Difference;
  /** Matching entries, best first; empty when the catalogue has nothing to say. */
  matches: EntryHit[];
}

export interface PortSuggestion {
  /** The first entry whose port changed the statement. */
  entryId: string;
  title: string;
  /** The statement after that port and any further ports that also apply. */
  ported: string;
  /** Every entry whose port was applied, in order. */
  applied: { entryId: string; title: string }[];
}

/** Explains every difference of every aligned row with the catalogue entries that match it. */
export function explainDifferences(
  aligned: readonly AlignedRow[],
  catalogue: readonly CatalogueEntry[] = CATALOGUE,
): Explanation[] {
  let context = '';
  return aligned.flatMap((row) => {
    // Rules look at the kind and failing engine, not at the cell: match once per pair.
    const cache = new Map<string, EntryHit[]>();
    const explained = row.differences.map((difference) => {
      const key = `${difference.kind}:${difference.engine ?? ''}`;
      const matches = cache.get(key) ?? matchEntries(row, difference, catalogue, context);
      cache.set(key, matches);
      return { row: row.index, difference, matches };
    });
    context += sqlTexts(row)
      .map((t) => t.blank)
      .join('\n');
    context += '\n';
    return explained;
  });
}

/**
 * The catalogue entries that explain one difference, best first. `context` is the text of
 * the statements that ran before, for rules that look at the schema behind a result.
 */
export function matchEntries(
  row: AlignedRow,
  difference: Difference,
  catalogue: readonly CatalogueEntry[] = CATALOGUE,
  context = '',
): EntryHit[] {
  const hits: (EntryHit & { order: number })[] = [];
  catalogue.forEach((entry, order) => {
    const score = Math.max(
      0,
      ...entry.match.map((rule) => ruleScore(rule, row, difference, context)),
    );
    if (score > 0) hits.push({ entryId: entry.id, title: entry.title, score, order });
  });
  return hits
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map(({ entryId, title, score }) => ({ entryId, title, score }));
}

/** 0 when the rule does not hold, else 1 plus a weight for each extra criterion. */
function ruleScore(
  rule: EntryMatch,
  row: AlignedRow,
  difference: Difference,
  context: string,
): number {
  if (!rule.kinds.includes(difference.kind)) return 0;
  let score = 1;
  if (rule.statements) {
    const ok = rule.statements.some((s) => row.kind === s || row.kind.startsWith(`${s} `));
    if (!ok) return 0;
    score += 2;
  }
  const texts = sqlTexts(row);
  if (rule.sql) {
    const pattern = rule.sql;
    if (!texts.some(({ blank }) => pattern.test(blank))) return 0;
    score += 3;
  }
  if (rule.context) {
    if (!rule.context.test(context)) return 0;
    score += 2;
  }
  if (rule.ordered !== undefined) {
    if (!texts.some(({ sql, dialect }) => hasOrderBy(sql, dialect) === rule.ordered)) return 0;
    score += 1;
  }
  if (rule.errors) {
    const failed = difference.engine;
    const error = failed ? row.sides[failed].error : undefined;
    const hit = rule.errors.some(
      (p) =>
        p.engine === failed &&
        error !== undefined &&
        (!p.codes || (error.code !== undefined && p.codes.includes(error.code))) &&
        (!p.message || p.message.test(error.message)),
    );
    if (!hit) return 0;
    score += 4;
  }
  return score;
}

function sqlTexts(row: AlignedRow): { sql: string; blank: string; dialect: EngineId }[] {
  const out: { sql: string; blank: string; dialect: EngineId }[] = [];
  for (const dialect of ['postgres', 'sqlite'] as const) {
    const sql = row.sides[dialect].sql;
    if (sql !== undefined) out.push({ sql, blank: blankLiterals(sql, dialect), dialect });
  }
  return out;
}

/**
 * A version of `sql` (written for the other engine) that `failingEngine` accepts: the first
 * catalogue entry whose port changes it, followed by any other ports that also apply.
 */
export function suggestPort(
  sql: string,
  failingEngine: EngineId,
  catalogue: readonly CatalogueEntry[] = CATALOGUE,
): PortSuggestion | undefined {
  const from: EngineId = failingEngine === 'postgres' ? 'sqlite' : 'postgres';
  const firstAt = catalogue.findIndex((e) => changes(e, sql, from, failingEngine) !== undefined);
  const first = catalogue[firstAt];
  if (!first) return undefined;
  let ported = changes(first, sql, from, failingEngine) ?? sql;
  const applied = [{ entryId: first.id, title: first.title }];
  catalogue.forEach((entry, i) => {
    if (i === firstAt) return;
    const next = changes(entry, ported, from, failingEngine);
    if (next === undefined) return;
    ported = next;
    applied.push({ entryId: entry.id, title: entry.title });
  });
  return { entryId: first.id, title: first.title, ported, applied };
}

/** The entry's port of `sql`, or undefined when it has none or it changes nothing. */
function changes(
  entry: CatalogueEntry,
  sql: string,
  from: EngineId,
  to: EngineId,
): string | undefined {
  const out = entry.port?.(sql, from, to);
  return out !== undefined && out !== sql ? out : undefined;
}
