// The SQLite adapter: sql.js in the current thread. The worker wraps it for the browser;
// unit tests use it directly in Node.

import initSqlJs, { type Database, type SqlJsConfig, type SqlValue, type Statement } from 'sql.js';
import type {
  Cell,
  Engine,
  EngineSnapshot,
  QueryRows,
  ResultColumn,
  RunRequest,
  RunResult,
  StatementListener,
} from './types';
import { MAX_RESULT_ROWS } from './types';
import {
  EngineCrashedError,
  emptyOutcome,
  runScript,
  type Outcome,
  type StatementExecutor,
} from './runner';
import type { Segment } from './split';
import { commandTag, leadingWords } from './command';
import { locateSqliteError } from './sqlite-errors';

export interface SqliteStartOptions {
  snapshot?: EngineSnapshot;
  /** How sql.js finds its WebAssembly file (the browser passes the bundled URL). */
  sqlJs?: SqlJsConfig;
}

/** Connection settings that a database file does not keep, restored after a restart. */
const SESSION_PRAGMAS = [
  'foreign_keys',
  'recursive_triggers',
  'automatic_index',
  'reverse_unordered_selects',
  'legacy_alter_table',
  'ignore_check_constraints',
];

const READ_ONLY = new Set(['SELECT', 'VALUES', 'EXPLAIN', 'WITH']);
const COUNTS_CHANGES = new Set(['INSERT', 'UPDATE', 'DELETE', 'REPLACE']);

type Row = (SqlValue | bigint)[];

/** Reads a value of each storage class and the (empty) schema table; writes nothing. */
const WARM_UP_QUERY =
  "SELECT 1 AS i, 1.5 AS r, 'text' AS t, x'00' AS b, NULL AS n, count(*) AS c FROM sqlite_schema";

/** sql.js running in this thread, implementing the Engine contract. */
export class SqljsEngine implements Engine, StatementExecutor {
  readonly id = 'sqlite' as const;
  readonly dialect = 'sqlite' as const;
  private dead = false;

  private constructor(private readonly db: Database) {}

  /** Loads sql.js and opens an empty database, or the one in `snapshot`. */
  static async start(options: SqliteStartOptions = {}): Promise<SqljsEngine> {
    const SQL = await initSqlJs(options.sqlJs);
    const db = new SQL.Database(options.snapshot?.data);
    const engine = new SqljsEngine(db);
    for (const [name, value] of Object.entries(options.snapshot?.pragmas ?? {})) {
      if (SESSION_PRAGMAS.includes(name)) db.exec(`PRAGMA ${name} = ${Number(value) ? 1 : 0}`);
    }
    // The browser compiles SQLite's WebAssembly one function at the time it is first called:
    // a first query pays for compiling the parser, planner and VM (about 50 ms here). Pay it
    // now, while the user is still typing, with a read that changes nothing a user can see.
    await engine.run({ script: WARM_UP_QUERY, stopOnError: true });
    return engine;
  }

  run(request: RunRequest, onStatement?: StatementListener): Promise<RunResult> {
    return runScript(this, request, onStatement);
  }

  /** SQLite does not expose its autocommit flag in sql.js: BEGIN fails inside a transaction. */
  inTransaction(): boolean {
    if (this.dead) return false;
    try {
      this.db.exec('BEGIN');
    } catch {
      return true;
    }
    this.db.exec('ROLLBACK');
    return false;
  }

  async query(sql: string): Promise<QueryRows> {
    this.assertAlive();
    const stmt = this.db.prepare(sql);
    try {
      const rows: Cell[][] = [];
      while (stmt.step()) rows.push(exactRow(stmt).map(toCell));
      return { columns: stmt.getColumnNames(), rows };
    } finally {
      stmt.free();
    }
  }

  async snapshot(): Promise<EngineSnapshot> {
    this.assertAlive();
    if (this.inTransaction()) throw new Error('Cannot copy the database inside a transaction.');
    const pragmas: Record<string, string> = {};
    for (const name of SESSION_PRAGMAS) {
      pragmas[name] = String(this.db.exec(`PRAGMA ${name}`)[0]?.values[0]?.[0] ?? '');
    }
    // export() reopens the connection, which resets the session pragmas: put them back.
    const data = this.db.export();
    for (const [name, value] of Object.entries(pragmas)) {
      this.db.exec(`PRAGMA ${name} = ${Number(value) ? 1 : 0}`);
    }
    return { engine: 'sqlite', data, extensions: [], pragmas };
  }

  async availableExtensions(): Promise<string[]> {
    return [];
  }

  async close(): Promise<void> {
    this.db.close();
  }

  async execute(segment: Segment): Promise<Outcome> {
    this.assertAlive();
    const words = leadingWords(segment.text, 4, 'sqlite');
    const command = commandTag(words[0] ?? '', words);
    try {
      let outcome: Outcome | undefined;
      let count = 0;
      for (const stmt of this.db.iterateStatements(segment.text)) {
        count++;
        try {
          const columns = stmt.getColumnNames();
          const rows: Cell[][] = [];
          const classes = columns.map(() => new Set<string>());
          let rowCount = 0;
          while (stmt.step()) {
            rowCount++;
            if (rows.length < MAX_RESULT_ROWS) {
              const raw = exactRow(stmt);
              raw.forEach((v, i) => {
                if (v !== null) classes[i]?.add(storageClass(v));
              });
              rows.push(raw.map(toCell));
            }
          }
          outcome = {
            status: 'ok',
            command,
            columns: describeColumns(columns, classes, rowCount),
            rows,
            rowCount,
            truncated: rowCount > rows.length,
            rowsAffected: COUNTS_CHANGES.has(words[0]?.toUpperCase() ?? '')
              ? this.db.getRowsModified()
              : null,
            notices: [],
            mutates: !READ_ONLY.has(command),
          };
        } finally {
          stmt.free();
        }
      }
      if (!outcome) return emptyOutcome('ok', command);
      if (count > 1) {
        outcome.notices.push({
          severity: 'NOTICE',
          message: `This part of the script held ${count} statements; the result of the last is shown.`,
        });
      }
      return outcome;
    } catch (error) {
      if (isCrash(error)) throw this.crash(error);
      const message = error instanceof Error ? error.message : String(error);
      const offset = locateSqliteError(message, segment.text, (sql) => this.prepareError(sql));
      return {
        ...emptyOutcome('error', command),
        error: { kind: 'sql', message },
        ...(offset !== undefined ? { errorOffset: offset } : {}),
      };
    }
  }

  /** The error SQLite reports when compiling `sql`, without running it. */
  private prepareError(sql: string): string | undefined {
    try {
      this.db.prepare(sql).free();
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  private assertAlive(): void {
    if (this.dead) throw new EngineCrashedError('The SQLite engine stopped and must restart.');
  }

  private crash(error: unknown): EngineCrashedError {
    this.dead = true;
    const detail = error instanceof Error ? error.message : String(error);
    return new EngineCrashedError(`The SQLite engine failed (${detail}).`, error);
  }
}

/** A WebAssembly trap or abort, as opposed to an error SQLite reported. */
function isCrash(error: unknown): boolean {
  if (typeof WebAssembly !== 'undefined' && error instanceof WebAssembly.RuntimeError) return true;
  return (
    error instanceof Error &&
    /^(Aborted|RuntimeError|memory access out of bounds)/.test(error.message)
  );
}

/**
 * The current row with INTEGER values as bigint, so that 64-bit integers stay exact and
 * INTEGER can be told from REAL (the sql.js typings predate the `useBigInt` option).
 */
function exactRow(stmt: Statement): Row {
  const get = stmt.get.bind(stmt) as unknown as (
    params: null,
    config: { useBigInt: boolean },
  ) => Row;
  return get(null, { useBigInt: true });
}

function toCell(v: SqlValue | bigint): Cell {
  if (typeof v === 'bigint') {
    const n = Number(v);
    return Number.isSafeInteger(n) ? n : v.toString();
  }
  return v;
}

/** SQLite types belong to values, not columns: name the storage classes a column holds. */
function describeColumns(
  names: string[],
  classes: Set<string>[],
  rowCount: number,
): ResultColumn[] {
  return names.map((name, i) => {
    const list = [...(classes[i] ?? [])].sort();
    if (list.length === 0) return { name, type: rowCount ? 'NULL' : '', kind: 'null' as const };
    if (list.length === 1) {
      const only = list[0] as string;
      return { name, type: only, kind: KIND_OF_CLASS[only] ?? 'other' };
    }
    const numeric = list.every((c) => c === 'INTEGER' || c === 'REAL');
    return { name, type: list.join(' | '), kind: numeric ? 'number' : 'other' };
  });
}

const KIND_OF_CLASS: Record<string, ResultColumn['kind']> = {
  INTEGER: 'number',
  REAL: 'number',
  TEXT: 'text',
  BLOB: 'binary',
};

/** With useBigInt, sql.js returns INTEGER values as bigint and REAL values as number. */
function storageClass(v: Exclude<SqlValue | bigint, null>): string {
  if (typeof v === 'bigint') return 'INTEGER';
  if (typeof v === 'number') return 'REAL';
  if (typeof v === 'string') return 'TEXT';
  return 'BLOB';
}
