// What crosses the boundary to the compare worker and back. The worker returns aligned rows
// that point at results by index instead of carrying them: the page already holds every
// result, and copying 15,000 of them back would cost as much as the work it saved.

import type {
  AlignedRow,
  AlignedSide,
  CompareScripts,
  Explanation,
  VariantBlock,
  VariantError,
} from '../index';
import type { EngineId, StatementResult } from '../../engine/types';

export type WireSide = Omit<AlignedSide, 'result' | 'sql'> & {
  /** Index of the side's result in the results that were sent. */
  at?: number;
};

export type WireRow = Omit<AlignedRow, 'sides'> & { sides: Record<EngineId, WireSide> };

export type CompareRequest =
  | { id: number; type: 'split'; script: string }
  | {
      id: number;
      type: 'compare';
      results: Record<EngineId, readonly StatementResult[]>;
      blocks: readonly VariantBlock[];
    };

export type CompareReply =
  | { id: number; type: 'split'; split: CompareScripts | VariantError }
  | { id: number; type: 'compare'; rows: WireRow[]; explanations: Explanation[] }
  | { id: number; type: 'error'; message: string };

const ENGINES: readonly EngineId[] = ['postgres', 'sqlite'];

/** Replaces each side's result by its index in `results` (run in the worker). */
export function toWire(
  rows: readonly AlignedRow[],
  results: Record<EngineId, readonly StatementResult[]>,
): WireRow[] {
  const index = {
    postgres: new Map(results.postgres.map((r, i) => [r, i])),
    sqlite: new Map(results.sqlite.map((r, i) => [r, i])),
  };
  return rows.map((row) => {
    const sides = {} as Record<EngineId, WireSide>;
    for (const engine of ENGINES) {
      const { result, sql: _sql, ...rest } = row.sides[engine];
      const at = result ? index[engine].get(result) : undefined;
      sides[engine] = at === undefined ? rest : { ...rest, at };
    }
    return { ...row, sides };
  });
}

/** Puts the results back into rows from the worker (run on the page). */
export function fromWire(
  rows: readonly WireRow[],
  results: Record<EngineId, readonly StatementResult[]>,
): AlignedRow[] {
  return rows.map((row) => {
    const sides = {} as Record<EngineId, AlignedSide>;
    for (const engine of ENGINES) {
      const { at, ...rest } = row.sides[engine];
      const result = at === undefined ? undefined : results[engine][at];
      sides[engine] = result ? { ...rest, result, sql: result.sql } : rest;
    }
    return { ...row, sides };
  });
}
