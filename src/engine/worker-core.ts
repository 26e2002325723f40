// The engine side of the worker boundary. The API is one object; the message types are
// derived from it, so the client and the worker cannot disagree about a method's shape.
// Runs in a browser Web Worker (pg.worker.ts, sqlite.worker.ts) and in a Node worker thread
// (tests); each entry says how to start its engine.

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
import type { SchemaModel } from '../schema/model';
import { introspect, introspectPostgres, warmPostgresIntrospection } from './introspect';
import { EngineCrashedError, type Outcome, type StatementExecutor } from './runner';
import type { PgliteEngine } from './pglite';
import type { SqljsEngine } from './sqljs';

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

/** An engine as the worker drives it: the contract plus single-statement execution. */
export type WorkerEngine = (PgliteEngine | SqljsEngine) & StatementExecutor;

/** Starts the entry's engine; `report` shows progress in the UI. */
export type EngineStarter = (
  args: StartArgs,
  report: (p: StartupProgress) => void,
) => Promise<WorkerEngine>;

function makeApi(starter: EngineStarter, emit: Emit) {
  let engine: WorkerEngine | undefined;
  const current = (): WorkerEngine => {
    if (!engine) throw new Error('The engine has not started.');
    return engine;
  };
  return {
    async start(args: StartArgs): Promise<{ ms: number; extensions: string[] }> {
      const t0 = performance.now();
      engine = await starter(args, (p) => emit({ type: 'progress', progress: p }));
      return {
        ms: performance.now() - t0,
        extensions: 'loadedExtensions' in engine ? engine.loadedExtensions() : [],
      };
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

    /** Reads the live catalog into a SchemaModel, timed, next to the engine. */
    async introspect(): Promise<{ model: SchemaModel; ms: number }> {
      const t0 = performance.now();
      const engine = current();
      // Postgres keeps the catalog query prepared, except inside the user's transaction.
      const model =
        engine.id === 'postgres'
          ? await introspectPostgres((sql) => engine.query(sql), {
              prepared: !engine.inTransaction(),
            })
          : await introspect(engine);
      return { model, ms: performance.now() - t0 };
    },

    /**
     * Warms Postgres's catalog-reading code up while the page is idle, so the first diagram
     * after a run does not pay for it. Read-only; skipped inside the user's transaction.
     */
    async warmIntrospection(): Promise<{ ms: number }> {
      const t0 = performance.now();
      const engine = current();
      if (engine.id === 'postgres' && !engine.inTransaction()) {
        await warmPostgresIntrospection((sql) => engine.query(sql));
      }
      return { ms: performance.now() - t0 };
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
export function serve(port: Port, starter: EngineStarter): void {
  const api = makeApi(starter, (m) => port.postMessage(m));
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
