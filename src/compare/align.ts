// Lines up the statements of a compare run: the same script (or its per-engine variants)
// ran on both engines, and each row of the compare view shows one statement's outcome on
// each side with the differences between them. Pure: results in, rows out.

import type { EngineId, StatementResult } from '../engine/types';
import { ENGINE_LABELS } from '../engine/types';
import { diffStatement, type Difference } from './diff';
import { statementKind } from './sql-text';
import { sectionAt, type VariantBlock } from './variants';

export type { Difference } from './diff';

/**
 * What one engine did with an aligned statement. `missing`: the other engine ran a
 * statement here and this one did not (it stopped, or split the script differently);
 * `absent`: a variant block has no section for this engine, on purpose.
 */
export type SideStatus = 'ok' | 'error' | 'skipped' | 'cancelled' | 'missing' | 'absent';

export interface AlignedSide {
  status: SideStatus;
  sql?: string;
  /** Error message and code, when the statement failed. */
  error?: { message: string; code?: string };
  durationMs?: number;
  /** The full result, for rendering its rows. */
  result?: StatementResult;
}

export interface AlignedRow {
  /** Position in the compare view, from 0. */
  index: number;
  /** Leading keywords of the statement, e.g. `CREATE TABLE`, `SELECT`. */
  kind: string;
  sides: Record<EngineId, AlignedSide>;
  /** True when the row pairs the two sections of a variant block. */
  variant: boolean;
  differences: Difference[];
  /** `value` differences beyond the listing limit (see MAX_CELL_DIFFERENCES). */
  omitted: number;
}

export interface AlignInput {
  results: Record<EngineId, readonly StatementResult[]>;
  /** The variant blocks from splitVariants; without them, statements pair by start offset. */
  blocks?: readonly VariantBlock[];
}

interface Slot {
  /** Sort position in the script: [offset, ordinal within a variant section]. */
  at: [number, number];
  variant: boolean;
  /** The block index when the slot belongs to a variant block. */
  block?: number;
  sides: Partial<Record<EngineId, StatementResult>>;
}

/**
 * Pairs the statements two engines ran from one compare script and compares each pair.
 * Shared statements pair by where they start; the k-th statement of a variant block's
 * @postgres section pairs with the k-th of its @sqlite section.
 */
export function alignResults(input: AlignInput): AlignedRow[] {
  const blocks = input.blocks ?? [];
  const slots = new Map<string, Slot>();
  for (const engine of ['postgres', 'sqlite'] as const) {
    const ordinals = new Map<number, number>();
    for (const result of input.results[engine]) {
      const section = sectionAt(blocks, engine, result.range.from);
      let key: string;
      let at: [number, number];
      if (section) {
        const k = ordinals.get(section.block) ?? 0;
        ordinals.set(section.block, k + 1);
        key = `v${section.block}:${k}`;
        at = [blocks[section.block]?.from ?? section.range.from, k];
      } else {
        key = `s${result.range.from}`;
        at = [result.range.from, 0];
      }
      const slot = slots.get(key) ?? {
        at,
        variant: !!section,
        sides: {},
        ...(section ? { block: section.block } : {}),
      };
      slot.sides[engine] = result;
      slots.set(key, slot);
    }
  }
  const ordered = [...slots.values()].sort((x, y) => x.at[0] - y.at[0] || x.at[1] - y.at[1]);
  return ordered.map((slot, index) => alignSlot(slot, index, blocks));
}

function alignSlot(slot: Slot, index: number, blocks: readonly VariantBlock[]): AlignedRow {
  const pg = slot.sides.postgres;
  const lite = slot.sides.sqlite;
  const kind = pg
    ? statementKind(pg.sql, 'postgres')
    : lite
      ? statementKind(lite.sql, 'sqlite')
      : '';
  const block = slot.block === undefined ? undefined : blocks[slot.block];
  const sideOf = (engine: EngineId, r: StatementResult | undefined): AlignedSide => {
    if (r) return describe(r);
    // A block without a section for this engine leaves it out on purpose.
    return { status: block && !block.sections[engine] ? 'absent' : 'missing' };
  };
  const sides = { postgres: sideOf('postgres', pg), sqlite: sideOf('sqlite', lite) };
  let differences: Difference[] = [];
  let omitted = 0;
  if (pg && lite) {
    ({ differences, omitted } = diffStatement(pg, lite));
  } else {
    const ran: EngineId = pg ? 'postgres' : 'sqlite';
    const other: EngineId = pg ? 'sqlite' : 'postgres';
    if (sides[other].status === 'missing') {
      differences = [
        {
          kind: 'missing',
          engine: ran,
          note: `Ran on ${ENGINE_LABELS[ran]} only: the other engine has no statement here (it stopped earlier, or read the script differently).`,
        },
      ];
    }
  }
  return { index, kind, sides, variant: slot.variant, differences, omitted };
}

function describe(r: StatementResult): AlignedSide {
  return {
    status: r.status,
    sql: r.sql,
    durationMs: r.durationMs,
    result: r,
    ...(r.error
      ? { error: { message: r.error.message, ...(r.error.code ? { code: r.error.code } : {}) } }
      : {}),
  };
}
