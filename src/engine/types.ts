// The one contract every database engine implements, and the result types the UI reads.
// Nothing here knows about PGlite, sql.js, workers, Svelte or the DOM.

export type EngineId = 'postgres' | 'sqlite';

export const ENGINE_IDS: readonly EngineId[] = ['postgres', 'sqlite'];

export const ENGINE_LABELS: Record<EngineId, string> = {
  postgres: 'PostgreSQL',
  sqlite: 'SQLite',
};

/** How a value should be shown and compared; derived from the engine's type of the column. */
export type ValueKind =
  'number' | 'boolean' | 'text' | 'json' | 'datetime' | 'binary' | 'array' | 'null' | 'other';

/**
 * One value of a result row, as the engine produced it. Postgres values that JavaScript
 * cannot hold exactly (int8, numeric, dates, intervals…) stay in Postgres' own text form.
 */
export type Cell = null | boolean | number | string | Uint8Array;

export interface ResultColumn {
  name: string;
  /** The type as the engine names it, e.g. `integer`, `timestamp with time zone`, `TEXT`. */
  type: string;
  kind: ValueKind;
}

/** Offsets into the whole script, UTF-16 code units, `to` exclusive. */
export interface SourceRange {
  from: number;
  to: number;
}

/** A place in the script; `line` and `column` are 1-based. */
export interface ScriptPosition {
  offset: number;
  line: number;
  column: number;
}

export interface EngineNotice {
  severity: string;
  message: string;
  code?: string;
  detail?: string;
  hint?: string;
}

export type ErrorKind =
  /** The engine rejected the statement. */
  | 'sql'
  /** The user pressed Cancel. */
  | 'cancelled'
  /** The run took longer than the timeout. */
  | 'timeout'
  /** The engine itself failed (WASM trap, out of memory) and was restarted. */
  | 'crashed'
  /** The playground cannot do this (e.g. CREATE DATABASE in PGlite). */
  | 'unsupported';

export interface EngineError {
  kind: ErrorKind;
  message: string;
  /** SQLSTATE on Postgres; SQLite's result code name when known. */
  code?: string;
  detail?: string;
  hint?: string;
  /** Where the error is, in the whole script. */
  position?: ScriptPosition;
  /** The source range to underline; defaults to the token at `position`. */
  range?: SourceRange;
}

export type StatementStatus = 'ok' | 'error' | 'skipped' | 'cancelled';

export interface StatementResult {
  /** Position of the statement in this run, from 0. */
  index: number;
  range: SourceRange;
  sql: string;
  /** The statement's first non-empty line, for headings. */
  firstLine: string;
  status: StatementStatus;
  /** Command tag, e.g. `SELECT`, `CREATE TABLE`, `INSERT`; `META` for psql meta-commands. */
  command: string;
  columns: ResultColumn[];
  rows: Cell[][];
  /** Rows the statement returned before any truncation. */
  rowCount: number;
  /** True when `rows` holds only the first `MAX_RESULT_ROWS`. */
  truncated: boolean;
  /** Rows inserted/updated/deleted, when the engine reports it. */
  rowsAffected: number | null;
  notices: EngineNotice[];
  durationMs: number;
  /** Whether the statement may have changed the database (it is replayed after a restart). */
  mutates: boolean;
  error?: EngineError;
}

export const MAX_RESULT_ROWS = 200_000;

export interface RunRequest {
  script: string;
  /** Only run the statements inside this part of the script (selection or cursor statement). */
  range?: SourceRange;
  /** Stop at the first error (default) or run every statement. */
  stopOnError: boolean;
}

export interface RunResult {
  results: StatementResult[];
  /** Whether any statement may have changed the database (false for read-only runs). */
  changed: boolean;
  /** Statements after a failed one that were not run (stop-on-error). */
  notRun: number;
  /** True when the run left an explicit transaction open. */
  inTransaction: boolean;
  totalMs: number;
}

/** Rows of an internal query (introspection, plans), not shown as a statement result. */
export interface QueryRows {
  columns: string[];
  rows: Cell[][];
}

/** A point-in-time copy of a database that a fresh engine can start from. */
export interface EngineSnapshot {
  engine: EngineId;
  /** PGlite data-dir tarball, or an SQLite database file. */
  data: Uint8Array;
  /** Postgres extensions that must be loaded to open the snapshot. */
  extensions: string[];
  /** SQLite connection settings (PRAGMA name → value) that a file does not keep. */
  pragmas: Record<string, string>;
}

export type StartupPhase = 'fetching' | 'compiling' | 'starting' | 'ready';

export interface StartupProgress {
  phase: StartupPhase;
  /** 0..1 where known. */
  fraction?: number;
  message: string;
}

export interface EngineStartOptions {
  snapshot?: EngineSnapshot;
  extensions?: string[];
  onProgress?: (p: StartupProgress) => void;
}

/** Called after each statement finishes, so results can be shown while a run goes on. */
export type StatementListener = (result: StatementResult) => void;

/** The contract: both adapters implement it in-thread, and the worker client implements it too. */
export interface Engine {
  readonly id: EngineId;
  run(request: RunRequest, onStatement?: StatementListener): Promise<RunResult>;
  /** Runs one internal, read-only statement and returns its rows (no splitting, no notices). */
  query(sql: string): Promise<QueryRows>;
  /** Copies the whole database so it can be restored into a fresh engine. */
  snapshot(): Promise<EngineSnapshot>;
  /** Extensions that this engine can load (Postgres), empty for SQLite. */
  availableExtensions(): Promise<string[]>;
  close(): Promise<void>;
}
