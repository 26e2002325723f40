// Groups the aligned rows of a compare run for display, like result-items.ts does for one
// engine: statements that differ, fail or return rows get a card each; runs of quiet
// statements that agree (DDL, INSERTs) fold into one line, so a 15,000-statement import
// stays readable and cheap to render. Also the counts for the summary line.
import { formatCount } from '../numbers';

import type { AlignedRow, Explanation } from '../../compare';
import type { EngineId, RunResult } from '../../engine/types';

/** What a row amounts to, for its badge and for the summary. */
export type Verdict = 'differs' | 'same' | 'both-failed' | 'one-engine' | 'not-run';

export function verdict(row: AlignedRow): Verdict {
  if (row.differences.length > 0) return 'differs';
  const { postgres: pg, sqlite: lite } = row.sides;
  if (pg.status === 'absent' || lite.status === 'absent') return 'one-engine';
  if (pg.status === 'error' && lite.status === 'error') return 'both-failed';
  if (pg.status === 'ok' && lite.status === 'ok') return 'same';
  return 'not-run';
}

/** An agreeing statement with nothing to look at: no rows, no notices, no error. */
export function isQuiet(row: AlignedRow): boolean {
  if (verdict(row) !== 'same') return false;
  return (['postgres', 'sqlite'] as const).every((engine) => {
    const r = row.sides[engine].result;
    return r !== undefined && r.columns.length === 0 && r.notices.length === 0;
  });
}

export type CompareItem =
  | { kind: 'row'; row: AlignedRow }
  | { kind: 'group'; rows: AlignedRow[]; summary: string; ms: Record<EngineId, number> }
  | { kind: 'missing'; rows: AlignedRow[]; ran: EngineId; summary: string };

/**
 * The engine that ran a statement the other has no result for (it stopped: an error with
 * "stop", a timeout, a crash), or undefined.
 */
export function ranAlone(row: AlignedRow): EngineId | undefined {
  const { postgres: pg, sqlite: lite } = row.sides;
  if (pg.status === 'missing' && lite.status !== 'missing') return 'sqlite';
  if (lite.status === 'missing' && pg.status !== 'missing') return 'postgres';
  return undefined;
}

/** Fewer quiet rows than this in a row are listed one by one. */
const GROUP_FROM = 4;

/**
 * Cards and folded groups, in script order. `keep` is a row that must stay a card (the one
 * the user just changed), even when it is quiet now.
 */
export function compareItems(
  rows: readonly AlignedRow[],
  options: { onlyDifferences?: boolean; keep?: number } = {},
): CompareItem[] {
  const items: CompareItem[] = [];
  // One run at a time: quiet agreeing rows, or rows that only one engine ran (the other
  // stopped), which would otherwise repeat the same card thousands of times.
  let run: AlignedRow[] = [];
  let runKind: 'quiet' | EngineId = 'quiet';
  const flush = (): void => {
    if (run.length >= GROUP_FROM) {
      const summary = summarizeKinds(run);
      items.push(
        runKind === 'quiet'
          ? { kind: 'group', rows: run, summary, ms: times(run) }
          : { kind: 'missing', rows: run, ran: runKind, summary },
      );
    } else for (const row of run) items.push({ kind: 'row', row });
    run = [];
  };
  for (const row of rows) {
    const kept = row.index === options.keep;
    if (options.onlyDifferences && row.differences.length === 0 && !kept) continue;
    const kind = kept ? undefined : isQuiet(row) ? 'quiet' : ranAlone(row);
    if (kind === undefined) {
      flush();
      items.push({ kind: 'row', row });
      continue;
    }
    if (kind !== runKind) flush();
    runKind = kind;
    run.push(row);
  }
  flush();
  return items;
}

function times(rows: readonly AlignedRow[]): Record<EngineId, number> {
  const ms = { postgres: 0, sqlite: 0 };
  for (const row of rows) {
    ms.postgres += row.sides.postgres.durationMs ?? 0;
    ms.sqlite += row.sides.sqlite.durationMs ?? 0;
  }
  return ms;
}

/** "12 statements: 10 × INSERT, 2 × CREATE TABLE". */
export function summarizeKinds(rows: readonly AlignedRow[]): string {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.kind || 'OK', (counts.get(row.kind || 'OK') ?? 0) + 1);
  const parts = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([kind, n]) => `${formatCount(n)} × ${kind}`);
  const more = counts.size > 4 ? ', …' : '';
  return `${formatCount(rows.length)} statements: ${parts.join(', ')}${more}`;
}

export interface CompareSummary {
  total: number;
  same: number;
  differs: number;
  bothFailed: number;
  oneEngine: number;
  notRun: number;
  /** Differences that no catalogue entry explains. */
  unexplained: number;
  ms: Partial<Record<EngineId, number>>;
}

/** Counts for the header line. */
export function summarize(
  rows: readonly AlignedRow[],
  explanations: readonly Explanation[],
  runs: Partial<Record<EngineId, RunResult>>,
): CompareSummary {
  const s: CompareSummary = {
    total: rows.length,
    same: 0,
    differs: 0,
    bothFailed: 0,
    oneEngine: 0,
    notRun: 0,
    unexplained: explanations.filter((e) => e.matches.length === 0).length,
    ms: {},
  };
  for (const row of rows) {
    const v = verdict(row);
    if (v === 'differs') s.differs++;
    else if (v === 'same') s.same++;
    else if (v === 'both-failed') s.bothFailed++;
    else if (v === 'one-engine') s.oneEngine++;
    else s.notRun++;
  }
  for (const engine of ['postgres', 'sqlite'] as const) {
    const run = runs[engine];
    if (run) s.ms[engine] = run.totalMs;
  }
  return s;
}

/** Where a row's statement starts in the script (the Postgres side first), for selecting it. */
export function rowStart(row: AlignedRow): number | undefined {
  return row.sides.postgres.result?.range.from ?? row.sides.sqlite.result?.range.from;
}

/** The index of the first row whose statement starts at or after `offset`. */
export function rowAtOffset(rows: readonly AlignedRow[], offset: number): number | undefined {
  let best: { index: number; from: number } | undefined;
  for (const row of rows) {
    for (const engine of ['postgres', 'sqlite'] as const) {
      const from = row.sides[engine].result?.range.from;
      if (from === undefined || from < offset) continue;
      if (!best || from < best.from) best = { index: row.index, from };
    }
  }
  return best?.index;
}
