// Groups a run's results for display: statements that returned rows, failed or said
// something get a card each; runs of quiet successes (DDL, INSERTs) fold into one line,
// so a 15,000-statement import stays readable and cheap to render.
import { formatCount, plural } from './numbers';
import type { EngineError, StatementResult } from '../engine/types';

export type ResultItem =
  | { kind: 'result'; result: StatementResult }
  | { kind: 'group'; results: StatementResult[]; summary: string; totalMs: number };

/** What to call a statement that did not finish: timed out, engine failure, or cancelled. */
export function stoppedLabel(error: EngineError | undefined): string {
  if (error?.kind === 'timeout') return 'Timed out';
  if (error?.kind === 'crashed') return 'Engine failed';
  return 'Cancelled';
}

/** Whether a result deserves its own card. */
export function isNotable(r: StatementResult): boolean {
  return r.status !== 'ok' || r.columns.length > 0 || r.notices.length > 0;
}

/** Fewer quiet results than this in a row are listed one by one. */
const GROUP_FROM = 4;

/** Cards and folded groups, in statement order. */
export function resultItems(results: readonly StatementResult[]): ResultItem[] {
  const items: ResultItem[] = [];
  let quiet: StatementResult[] = [];
  const flushQuiet = (): void => {
    if (quiet.length >= GROUP_FROM) {
      items.push({
        kind: 'group',
        results: quiet,
        summary: summarize(quiet),
        totalMs: quiet.reduce((s, r) => s + r.durationMs, 0),
      });
    } else for (const r of quiet) items.push({ kind: 'result', result: r });
    quiet = [];
  };
  for (const r of results) {
    if (isNotable(r)) {
      flushQuiet();
      items.push({ kind: 'result', result: r });
    } else quiet.push(r);
  }
  flushQuiet();
  return items;
}

/** "12 statements: 10 × INSERT, 2 × CREATE TABLE". */
export function summarize(results: readonly StatementResult[]): string {
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.command || 'OK', (counts.get(r.command || 'OK') ?? 0) + 1);
  const parts = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([command, n]) => `${formatCount(n)} × ${command}`);
  const more = counts.size > 4 ? ', …' : '';
  return `${formatCount(results.length)} statements: ${parts.join(', ')}${more}`;
}

/** Failures named in a run's summary before the rest are counted. */
const NAMED_FAILURES = 3;

/**
 * The headline of a finished run: "11 statements run", "11 statements run, #3 failed",
 * "11 statements run, 2 failed: #3, #11", "40 statements run, 5 failed: #3, #7, #9 and 2 more",
 * "8 statements run, #7 failed, #8 cancelled".
 */
export function runOutcome(results: readonly StatementResult[]): string {
  const parts = [`${plural(results.length, 'statement')} run`];
  const failed = results.filter((r) => r.status === 'error').map((r) => `#${r.index + 1}`);
  if (failed.length === 1) parts.push(`${failed[0] ?? ''} failed`);
  else if (failed.length > 1) {
    const named = failed.slice(0, NAMED_FAILURES).join(', ');
    const rest = failed.length - NAMED_FAILURES;
    const more = rest > 0 ? ` and ${formatCount(rest)} more` : '';
    parts.push(`${formatCount(failed.length)} failed: ${named}${more}`);
  }
  // A run stops at the statement that was cancelled, timed out or lost its engine.
  const stopped = results.find((r) => r.status === 'cancelled');
  if (stopped) parts.push(`#${stopped.index + 1} ${stoppedLabel(stopped.error).toLowerCase()}`);
  return parts.join(', ');
}

/**
 * Why the statements after the last result did not run: "3 statements after #2 were not run
 * because “Stop on error” is on." or "… were not run: #2 was cancelled." Null when all ran.
 */
export function notRunNote(results: readonly StatementResult[], notRun: number): string | null {
  const last = results.at(-1);
  if (notRun <= 0 || !last) return null;
  const head = `${plural(notRun, 'statement')} after #${last.index + 1} ${notRun === 1 ? 'was' : 'were'} not run`;
  const at = `#${last.index + 1}`;
  if (last.status !== 'cancelled') return `${head} because “Stop on error” is on.`;
  if (last.error?.kind === 'timeout') return `${head}: ${at} timed out.`;
  if (last.error?.kind === 'crashed') return `${head}: the engine failed during ${at}.`;
  return `${head}: ${at} was cancelled.`;
}

/** "1.2 s", "35 ms", "0.4 ms". */
export function formatDuration(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(0)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  return `${ms.toFixed(1)} ms`;
}
