// The engine side of the worker boundary. The API is one object; the message types are
// derived from it, so the client and the worker cannot disagree about a method's shape.
// Runs in a browser Web Worker (engine.worker.ts) and in a Node worker thread (tests).

import type { PGliteOptions } from '@electric-sql/pglite';
import type { SqlJsConfig } from 'sql.js';
import type {
  EngineId,
  EngineSnapshot,
  QueryRows,
  RunRequest,
  RunResult,
  StartupProgress,
  StatementResult,
} from './types';
import type { Segment } from './split';
import { EngineCrashedError, type Outcome, type StatementExecutor } from './runner';
import type { PgliteEngine } from './pglite';
import type { SqljsEngine } from './sqljs';

/** Where the worker gets its heavy files; the browser and Node provide them differently. */
export interface EngineAssets {
  /** The prepared Postgres data dir, or undefined to run initdb (missing or stale file). */
  pgDataDir(report: (p: StartupProgress) => void): Promise<Blob | undefined>;
  /** Extra PGlite options such as a precompiled module, fetched in parallel. */
  pgliteOptions(): Promise<Partial<PGliteOptions>>;
  sqlJsConfig(): SqlJsConfig | undefined;
}

export interface StartArgs {
  engine: EngineId;
  snapshot?: EngineSnapshot;
  extensions?: string[];
}

/** A statement to replay after a restart: exactly what ran, including COPY data. */
export interface ReplayEntry {
  sql: string;
  copyData?: string;
}

export interface ReplayReport {
  replayed: number;
  failed: { sql: string; message: string }[];
}

type Emit = (message: WorkerEvent) => void;

function makeApi(assets: EngineAssets, emit: Emit) {
  let engine: (PgliteEngine | SqljsEngine) | undefined;
  const current = (): PgliteEngine | SqljsEngine => {
    if (!engine) throw new Error('The engine has not started.');
    return engine;
  };
  return {
    async start(args: StartArgs): Promise<{ ms: number; extensions: string[] }> {
      const t0 = performance.now();
      const report = (p: StartupProgress): void => emit({ type: 'progress', progress: p });
      if (args.engine === 'postgres') {
        const [{ PgliteEngine }, dataDir, pglite] = await Promise.all([
          import('./pglite'),
          args.snapshot ? Promise.resolve(undefined) : assets.pgDataDir(report),
          assets.pgliteOptions(),
        ]);
        report({ phase: 'starting', message: 'Starting PostgreSQL…' });
        const pg = await PgliteEngine.start({
          ...(args.snapshot ? { snapshot: args.snapshot } : {}),
          ...(dataDir ? { dataDir } : {}),
          extensions: args.extensions ?? [],
          pglite,
        });
        engine = pg;
        return { ms: performance.now() - t0, extensions: pg.loadedExtensions() };
      }
      report({ phase: 'starting', message: 'Starting SQLite…' });
      const { SqljsEngine } = await import('./sqljs');
      const config = assets.sqlJsConfig();
      engine = await SqljsEngine.start({
        ...(args.snapshot ? { snapshot: args.snapshot } : {}),
        ...(config ? { sqlJs: config } : {}),
      });
      return { ms: performance.now() - t0, extensions: [] };
    },

    async run(callId: number, request: RunRequest): Promise<RunResult> {
      return current().run(request, (result) => emit({ type: 'statement', id: callId, result }));
    },

    async query(_callId: number, sql: string): Promise<QueryRows> {
      return current().query(sql);
    },

    async snapshot(): Promise<EngineSnapshot> {
      return current().snapshot();
    },

    async replay(_callId: number, entries: ReplayEntry[]): Promise<ReplayReport> {
      const executor: StatementExecutor = current();
      const report: ReplayReport = { replayed: 0, failed: [] };
      for (const entry of entries) {
        const segment: Segment = {
          kind: 'sql',
          from: 0,
          to: entry.sql.length,
          end: entry.sql.length,
          text: entry.sql,
          ...(entry.copyData !== undefined
            ? { copyData: { from: 0, to: entry.copyData.length, text: entry.copyData } }
            : {}),
        };
        const outcome: Outcome = await executor.execute(segment, entry.sql);
        if (outcome.status === 'error') {
          report.failed.push({ sql: entry.sql, message: outcome.error?.message ?? 'failed' });
        } else report.replayed++;
      }
      return report;
    },

    async extensions(): Promise<{ available: string[]; loaded: string[] }> {
      const e = current();
      return {
        available: await e.availableExtensions(),
        loaded: 'loadedExtensions' in e ? e.loadedExtensions() : [],
      };
    },

    /** Test hook for the recovery path: makes the engine fail as a WASM trap would. */
    async crashForTest(): Promise<never> {
      throw new EngineCrashedError('The engine failed (simulated trap for a test).');
    },
  };
}

export type WorkerApi = ReturnType<typeof makeApi>;
export type WorkerMethod = keyof WorkerApi;

/** Arguments of a method as the client sends them (methods taking a call id get it added). */
export type CallArgs<M extends WorkerMethod> = Parameters<WorkerApi[M]>;

export type WorkerRequest = {
  [M in WorkerMethod]: { type: 'call'; id: number; method: M; args: CallArgs<M> };
}[WorkerMethod];

export interface SerializedError {
  message: string;
  name: string;
  /** The engine died: the client must restart it and restore the state. */
  crashed: boolean;
}

export type WorkerEvent =
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: SerializedError }
  | { type: 'statement'; id: number; result: StatementResult }
  | { type: 'progress'; progress: StartupProgress };

/** The minimal port both `self` in a Web Worker and a Node MessagePort adapter offer. */
export interface Port {
  postMessage(message: WorkerEvent, transfer?: Transferable[]): void;
  onMessage(handler: (message: WorkerRequest) => void): void;
}

/** Serves the engine API on `port`, one call at a time, in arrival order. */
export function serve(port: Port, assets: EngineAssets): void {
  const api = makeApi(assets, (m) => port.postMessage(m));
  let queue: Promise<unknown> = Promise.resolve();
  port.onMessage((request) => {
    queue = queue.then(async () => {
      try {
        const method = api[request.method] as (...args: unknown[]) => Promise<unknown>;
        const value = await method(...(request.args as unknown[]));
        port.postMessage({ type: 'result', id: request.id, value }, transferables(value));
      } catch (error) {
        port.postMessage({ type: 'error', id: request.id, error: serializeError(error) });
      }
    });
  });
}

function serializeError(error: unknown): SerializedError {
  const crashed =
    error instanceof EngineCrashedError ||
    (typeof WebAssembly !== 'undefined' && error instanceof WebAssembly.RuntimeError) ||
    (error instanceof Error && error.name === 'RuntimeError');
  if (error instanceof Error) return { message: error.message, name: error.name, crashed };
  return { message: String(error), name: 'Error', crashed };
}

/** Snapshot bytes move to the client instead of being copied (they can be 50 MB). */
function transferables(value: unknown): Transferable[] {
  if (value && typeof value === 'object' && 'data' in value) {
    const data = (value as { data: unknown }).data;
    if (data instanceof Uint8Array && data.byteOffset === 0) return [data.buffer as ArrayBuffer];
  }
  return [];
}
