// Shared shapes of compare mode: the differences catalogue, what a demo is expected to do
// on each engine, and the kinds of difference that alignment reports. Pure data types.

import type { Cell, EngineId } from '../engine/types';

/**
 * What kind of behaviour difference a compared statement shows.
 * - `missing`: the statement ran on one engine only (a variant, or the run stopped).
 * - `one-side-error`: one engine accepted the statement, the other rejected it.
 * - `columns`: result columns differ in number or name.
 * - `row-count`: the engines returned a different number of rows.
 * - `rows-affected`: a write changed a different number of rows.
 * - `value`: a cell holds a different value.
 * - `type`: the values agree but are represented differently (`1.50` text vs 1.5, true vs 1).
 * - `order`: the same rows came back in a different order.
 * - `null-order`: the same rows, ordered the same, except where NULLs are placed.
 */
export type DifferenceKind =
  | 'missing'
  | 'one-side-error'
  | 'columns'
  | 'row-count'
  | 'rows-affected'
  | 'value'
  | 'type'
  | 'order'
  | 'null-order';

/** Turns a statement written for `from` into one that `to` accepts, or undefined. */
export type PortFn = (sql: string, from: EngineId, to: EngineId) => string | undefined;

/** What one demo statement must do on one engine; checked against the real engines. */
export interface StatementExpect {
  status: 'ok' | 'error';
  /** Source of a case-insensitive RegExp that the error message must match. */
  errorMatches?: string;
  /** SQLSTATE the error must carry (Postgres only; SQLite reports no codes). */
  errorCode?: string;
  /** The exact rows. */
  rows?: Cell[][];
  /** Result column types as the engine names them (`numeric`, `REAL`, `INTEGER | TEXT`). */
  columnTypes?: string[];
  /** Result column names. */
  columns?: string[];
  rowCount?: number;
}

/** An error pattern that attaches an entry to a failure on one engine. */
export interface ErrorPattern {
  engine: EngineId;
  /** SQLSTATE codes (Postgres). */
  codes?: string[];
  message?: RegExp;
}

/**
 * One way an entry attaches itself to a difference seen at run time. Every criterion that
 * is given must hold; more criteria make a more specific (better) match.
 */
export interface EntryMatch {
  /** Kinds of difference the rule explains. */
  kinds: DifferenceKind[];
  /** Statement kinds by leading keywords, e.g. `CREATE TABLE`, `INSERT`, `SELECT`. */
  statements?: string[];
  /** Tested on the statement with string literals and comments blanked out. */
  sql?: RegExp;
  /** At least one must match the failing side's error. */
  errors?: ErrorPattern[];
  /** Whether the statement sorts its result with a top-level ORDER BY. */
  ordered?: boolean;
  /**
   * Tested on the statements before this one (literals and comments blanked): a SELECT
   * shows NULL ids because an earlier CREATE TABLE used SERIAL.
   */
  context?: RegExp;
}

export type Topic =
  | 'types'
  | 'dates'
  | 'keys'
  | 'constraints'
  | 'schema-changes'
  | 'indexes'
  | 'queries'
  | 'text'
  | 'transactions'
  | 'tools';

/** One documented difference between PostgreSQL and SQLite, with a demo both engines run. */
export interface CatalogueEntry {
  /** kebab-case, stable: links and tests use it. */
  id: string;
  title: string;
  topic: Topic;
  /** What happens on PostgreSQL. */
  postgres: string;
  /** What happens on SQLite. */
  sqlite: string;
  /** Why the engines differ. */
  why: string;
  /** How to write SQL that behaves the same on both. */
  portable: string;
  /** One script for both engines, or one per engine when it must differ. */
  demo: string | Record<EngineId, string>;
  /** One expectation per demo statement, per engine. */
  expect: Record<EngineId, StatementExpect[]>;
  /** Alternative rules; an empty list makes a reference-only entry. */
  match: EntryMatch[];
  port?: PortFn;
}
