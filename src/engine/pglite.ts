// The Postgres adapter: PGlite in the current thread. The worker wraps it for the browser;
// unit tests use it directly in Node.

import { PGlite, type Extension, type PGliteOptions, type Results } from '@electric-sql/pglite';
import type {
  Cell,
  Engine,
  EngineError,
  EngineNotice,
  EngineSnapshot,
  QueryRows,
  ResultColumn,
  RunRequest,
  RunResult,
  StatementListener,
  ValueKind,
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
import { tokenize } from './lexer';
import { explainDatabaseStatement } from './meta';
import { commandTag, leadingWords } from './command';
import { pgPositionToOffset } from './position';
import { PG_KNOWN_TYPES, pgParsers, PG_TYPE_LOOKUP_SQL, kindOfCategory } from './pg-types';
import { PG_EXTENSIONS, pgExtensionNames, withRequirements } from './pg-extensions';

export interface PgStartOptions {
  /** Start from this copy of a database (restore after a restart). */
  snapshot?: EngineSnapshot;
  /** Start from this data directory (prepared at build time) when there is no snapshot. */
  dataDir?: Blob;
  /** Extensions to load at start, by CREATE EXTENSION name. */
  extensions?: string[];
  /** Extra options, e.g. a precompiled WebAssembly module or the file-system bundle. */
  pglite?: Partial<PGliteOptions>;
}

/** Commands that never change the database, so a run made only of them needs no snapshot. */
const READ_ONLY = new Set(['SELECT', 'SHOW', 'EXPLAIN', 'VALUES', 'TABLE', 'FETCH']);

interface DatabaseErrorLike {
  message: string;
  code: string;
  severity?: string;
  detail?: string;
  hint?: string;
  position?: string;
  where?: string;
}

function isDatabaseError(e: unknown): e is DatabaseErrorLike {
  return (
    e instanceof Error &&
    typeof (e as { code?: unknown }).code === 'string' &&
    'severity' in (e as object)
  );
}

/** PGlite running in this thread, implementing the Engine contract. */
export class PgliteEngine implements Engine, StatementExecutor {
  readonly id = 'postgres' as const;
  readonly dialect = 'postgres' as const;
  private typeCache = new Map(PG_KNOWN_TYPES);
  private dead = false;
  private parsers: Record<number, (value: string) => unknown>;

  private constructor(
    private db: PGlite,
    private extensions: string[],
    private readonly baseOptions: Partial<PGliteOptions>,
  ) {
    this.parsers = pgParsers(db.parsers);
  }

  /** Starts PGlite from a snapshot, a prepared data directory, or a fresh initdb. */
  static async start(options: PgStartOptions = {}): Promise<PgliteEngine> {
    const extensions = [...new Set(options.snapshot?.extensions ?? options.extensions ?? [])];
    const base = options.pglite ?? {};
    const loadDataDir = options.snapshot
      ? new Blob([options.snapshot.data as Uint8Array<ArrayBuffer>])
      : options.dataDir;
    let db: PGlite;
    try {
      db = await createPglite(base, extensions, loadDataDir);
    } catch (error) {
      // A prepared data dir from another PGlite build cannot be opened: start fresh.
      // A snapshot holds the user's data, so its failure is reported, never hidden.
      if (options.snapshot || !loadDataDir) throw error;
      db = await createPglite(base, extensions, undefined);
    }
    return new PgliteEngine(db, extensions, base);
  }

  run(request: RunRequest, onStatement?: StatementListener): Promise<RunResult> {
    return runScript(this, request, onStatement);
  }

  inTransaction(): boolean {
    return !this.dead && this.db.isInTransaction();
  }

  async query(sql: string): Promise<QueryRows> {
    const results = await this.guard(() =>
      this.db.exec(sql, { rowMode: 'array', parsers: this.parsers }),
    );
    const last = results[results.length - 1];
    return {
      columns: last?.fields.map((f) => f.name) ?? [],
      rows: (last?.rows ?? []) as unknown as Cell[][],
    };
  }

  async snapshot(): Promise<EngineSnapshot> {
    if (this.inTransaction()) throw new Error('Cannot copy the database inside a transaction.');
    const blob = await this.guard(() => this.db.dumpDataDir('none'));
    return {
      engine: 'postgres',
      data: new Uint8Array(await blob.arrayBuffer()),
      extensions: [...this.extensions],
      pragmas: {},
    };
  }

  async availableExtensions(): Promise<string[]> {
    return pgExtensionNames();
  }

  /** Extensions loaded into this instance. */
  loadedExtensions(): string[] {
    return [...this.extensions];
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }

  async execute(segment: Segment): Promise<Outcome> {
    const words = leadingWords(segment.text, 4, 'postgres');
    const skipped = explainDatabaseStatement(words);
    if (skipped) {
      return emptyOutcome('skipped', words.slice(0, 2).join(' ').toUpperCase(), [
        { severity: 'NOTICE', message: skipped },
      ]);
    }
    const notices: EngineNotice[] = [];
    try {
      const results = await this.exec(segment, notices);
      return await this.toOutcome(results, words, notices);
    } catch (error) {
      if (!isDatabaseError(error)) throw this.crashed(error);
      const missing = /^extension "(.+)" is not available$/.exec(error.message)?.[1];
      if (missing && PG_EXTENSIONS[missing] && !this.extensions.includes(missing)) {
        return this.loadExtensionAndRetry(segment, missing, words, notices);
      }
      return this.errorOutcome(error, segment, notices, missing);
    }
  }

  private async exec(segment: Segment, notices: EngineNotice[]): Promise<Results[]> {
    const onNotice = (n: {
      severity?: string;
      message?: string;
      code?: string;
      detail?: string;
      hint?: string;
    }): void => {
      notices.push({
        severity: n.severity ?? 'NOTICE',
        message: n.message ?? '',
        ...(n.code ? { code: n.code } : {}),
        ...(n.detail ? { detail: n.detail } : {}),
        ...(n.hint ? { hint: n.hint } : {}),
      });
    };
    const options = { rowMode: 'array' as const, parsers: this.parsers, onNotice };
    if (segment.copyData) {
      // PGlite has no client to stream stdin from: the inline data goes in as a blob.
      const sql = replaceStdin(segment.text, "'/dev/blob'");
      return this.db.exec(sql, { ...options, blob: new Blob([segment.copyData.text]) });
    }
    return this.db.exec(segment.text, options);
  }

  private async toOutcome(
    results: Results[],
    words: string[],
    notices: EngineNotice[],
  ): Promise<Outcome> {
    // One statement gives one result; keep the last in case the engine returned more.
    const last = results[results.length - 1];
    const command = commandTag(last?.command ?? words[0]?.toUpperCase() ?? '', words);
    const fields = last?.fields ?? [];
    const columns = await this.describe(fields);
    const allRows = (last?.rows ?? []) as unknown as Cell[][];
    const truncated = allRows.length > MAX_RESULT_ROWS;
    const returnsRows = fields.length > 0;
    return {
      status: 'ok',
      command,
      columns,
      rows: truncated ? allRows.slice(0, MAX_RESULT_ROWS) : allRows,
      rowCount: allRows.length,
      truncated,
      rowsAffected: returnsRows && command === 'SELECT' ? null : (last?.affectedRows ?? null),
      notices,
      mutates: !READ_ONLY.has(command.split(' ')[0] ?? ''),
    };
  }

  /** Type names and kinds for result columns, asking the catalog only for unknown types. */
  private async describe(fields: { name: string; dataTypeID: number }[]): Promise<ResultColumn[]> {
    const unknown = [...new Set(fields.map((f) => f.dataTypeID))].filter(
      (oid) => !this.typeCache.has(oid),
    );
    if (unknown.length > 0) {
      try {
        const r = await this.db.exec(PG_TYPE_LOOKUP_SQL(unknown), { rowMode: 'array' });
        for (const row of (r[0]?.rows ?? []) as unknown as [number, string, string][]) {
          this.typeCache.set(Number(row[0]), {
            name: row[1],
            kind: kindOfCategory(row[2], row[1]),
          });
        }
      } catch {
        // Inside a failed transaction the lookup cannot run; the OID is shown instead.
      }
    }
    return fields.map((f) => {
      const t = this.typeCache.get(f.dataTypeID);
      const kind: ValueKind = t?.kind ?? 'other';
      return { name: f.name, type: t?.name ?? `oid ${f.dataTypeID}`, kind };
    });
  }

  private errorOutcome(
    error: DatabaseErrorLike,
    segment: Segment,
    notices: EngineNotice[],
    missingExtension?: string,
  ): Outcome {
    const engineError: EngineError = {
      kind: 'sql',
      message: error.message,
      code: error.code,
      ...(error.detail ? { detail: error.detail } : {}),
      ...(error.hint ? { hint: error.hint } : {}),
    };
    if (missingExtension && !PG_EXTENSIONS[missingExtension]) {
      engineError.hint =
        `PGlite does not ship the "${missingExtension}" extension. ` +
        `Available here: ${pgExtensionNames().join(', ')}.`;
    }
    if (error.where)
      engineError.detail = [engineError.detail, error.where].filter(Boolean).join('\n');
    const pos = Number(error.position);
    const command = leadingWords(segment.text, 1, 'postgres')[0]?.toUpperCase() ?? '';
    return {
      ...emptyOutcome('error', command, notices),
      error: engineError,
      ...(Number.isInteger(pos) && pos > 0
        ? { errorOffset: pgPositionToOffset(segment.text, pos) }
        : {}),
    };
  }

  /** Restarts PGlite with one more extension, keeping the data, and runs the statement again. */
  private async loadExtensionAndRetry(
    segment: Segment,
    name: string,
    words: string[],
    notices: EngineNotice[],
  ): Promise<Outcome> {
    if (this.db.isInTransaction()) {
      return {
        ...emptyOutcome('error', 'CREATE EXTENSION', notices),
        error: {
          kind: 'unsupported',
          message: `Loading extension "${name}" restarts the engine, which cannot happen inside a transaction. Run CREATE EXTENSION ${name} outside BEGIN … COMMIT.`,
        },
      };
    }
    const wanted = [...new Set([...this.extensions, ...withRequirements(name)])];
    const dump = await this.guard(() => this.db.dumpDataDir('none'));
    await this.db.close();
    try {
      this.db = await createPglite(this.baseOptions, wanted, dump);
      this.extensions = wanted;
      this.parsers = pgParsers(this.db.parsers);
      this.typeCache = new Map(PG_KNOWN_TYPES);
    } catch (error) {
      // Reopen without the new extension so the user's data stays usable.
      this.db = await createPglite(this.baseOptions, this.extensions, dump);
      throw this.crashed(error);
    }
    notices.push({
      severity: 'NOTICE',
      message: `Loaded the "${name}" extension: the engine restarted with it and kept your data. Session settings (SET) and temporary tables were reset.`,
    });
    try {
      const results = await this.exec(segment, notices);
      return await this.toOutcome(results, words, notices);
    } catch (error) {
      if (!isDatabaseError(error)) throw this.crashed(error);
      return this.errorOutcome(error, segment, notices);
    }
  }

  private async guard<T>(f: () => Promise<T>): Promise<T> {
    if (this.dead) throw new EngineCrashedError('The Postgres engine stopped and must restart.');
    try {
      return await f();
    } catch (error) {
      if (isDatabaseError(error)) throw error;
      throw this.crashed(error);
    }
  }

  private crashed(error: unknown): EngineCrashedError {
    this.dead = true;
    const detail = error instanceof Error ? error.message : String(error);
    const oom = /out of memory|memory access out of bounds|Cannot enlarge memory|OOM/i.test(detail);
    return new EngineCrashedError(
      oom
        ? `The Postgres engine ran out of memory (${detail}).`
        : `The Postgres engine failed (${detail}).`,
      error,
    );
  }
}

/**
 * Server settings for a playground. One session needs far less shared memory than PGlite's
 * defaults (128 MB of buffers, 100 connections); allocating and clearing it was a tenth of
 * every start. 64 MB still holds a million-row table while it is generated.
 */
export const PG_START_SETTINGS: Readonly<Record<string, string>> = {
  shared_buffers: '64MB',
  max_connections: '8',
};

async function createPglite(
  base: Partial<PGliteOptions>,
  extensions: string[],
  loadDataDir: Blob | undefined,
): Promise<PGlite> {
  const loaded: Record<string, Extension> = {};
  for (const name of extensions) {
    const entry = PG_EXTENSIONS[name];
    if (entry) loaded[name.replace(/\W/g, '_')] = await entry.load();
  }
  const settings = Object.entries(PG_START_SETTINGS).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
  const db = new PlaygroundPGlite({
    ...base,
    ...(loadDataDir ? { loadDataDir } : {}),
    startParams: [...PGlite.defaultStartParams, ...settings],
    extensions: loaded,
  });
  await db.waitReady;
  return db;
}

/**
 * PGlite without its start-up query for array types. That query (a join over pg_type) only
 * registers parsers that turn arrays into JavaScript arrays, and `pgParsers` shows every
 * array as Postgres prints it anyway. Being the backend's first query, it was also the one
 * that filled the catalog caches: skipping it takes about 150 ms off every start in Node, and
 * the first real query pays the cold caches instead (50–100 ms).
 */
class PlaygroundPGlite extends PGlite {
  override async _initArrayTypes(): Promise<void> {}
}

/** Replaces the `stdin` keyword of a COPY statement, found as a token (not inside a string). */
function replaceStdin(sql: string, replacement: string): string {
  const token = tokenize(sql, 'postgres').find(
    (t) => t.type === 'word' && sql.slice(t.from, t.to).toLowerCase() === 'stdin',
  );
  return token ? sql.slice(0, token.from) + replacement + sql.slice(token.to) : sql;
}
