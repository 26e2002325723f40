// The UI side of an engine worker. It implements the same Engine contract as the adapters,
// plus what only a worker boundary can give: cancel, a timeout, and recovery. A running
// query cannot be interrupted inside PGlite or sql.js, so cancelling terminates the worker,
// starts a fresh one from the last snapshot and replays the statements run since then.

import type {
  Engine,
  EngineError,
  EngineId,
  EngineSnapshot,
  QueryRows,
  RunRequest,
  RunResult,
  StartupProgress,
  StatementListener,
  StatementResult,
} from './types';
import type {
  CallArgs,
  ReplayEntry,
  ReplayReport,
  SerializedError,
  StartArgs,
  WorkerEvent,
  WorkerMethod,
  WorkerApi,
  WorkerRequest,
} from './worker-core';
import { segmentsFor } from './runner';
import type { SchemaModel } from '../schema/model';
import { firstLine, type Segment } from './split';

/** What the client needs from a worker: the browser's Worker and Node's worker_threads fit. */
export interface WorkerHandle {
  post(message: WorkerRequest): void;
  onEvent(handler: (event: WorkerEvent) => void): void;
  /** The worker failed outside any call (script failed to load, uncaught error). */
  onFailure(handler: (reason: string) => void): void;
  terminate(): void;
}

export type EngineStatus =
  | { state: 'idle' }
  | { state: 'loading'; progress?: StartupProgress }
  | { state: 'ready' }
  | { state: 'running'; since: number }
  | { state: 'restarting'; reason: string }
  | { state: 'failed'; reason: string };

export const DEFAULT_TIMEOUT_MS = 30_000;

/** Snapshot once the statements to replay would take this long to run again. */
const SNAPSHOT_AFTER_REPLAY_MS = 750;
const SNAPSHOT_AFTER_STATEMENTS = 300;
/** How long after a run the snapshot waits, so follow-up requests go first. */
const SNAPSHOT_DELAY_MS = 1000;

class CallError extends Error {
  constructor(readonly serialized: SerializedError) {
    super(serialized.message);
    this.name = serialized.name;
  }
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onStatement?: (result: StatementResult) => void;
}

type Interruption = { kind: 'cancelled' | 'timeout' | 'crashed'; message: string };

/** An engine in a worker, with cancel, timeout and restore. */
export class EngineClient implements Engine {
  timeoutMs = DEFAULT_TIMEOUT_MS;
  private worker: WorkerHandle | undefined;
  private starting: Promise<void> | undefined;
  private status: EngineStatus = { state: 'idle' };
  private readonly listeners = new Set<(s: EngineStatus) => void>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private lastSnapshot: EngineSnapshot | undefined;
  private extensions: string[] = [];
  private replayLog: { entry: ReplayEntry; ms: number }[] = [];
  private interrupt: ((reason: Interruption) => void) | undefined;
  private snapshotting: Promise<void> | undefined;
  private snapshotTimer: ReturnType<typeof setTimeout> | undefined;
  private spawned = 0;

  /**
   * `spawn(eager)` creates a worker; `eager` is true for the first one, which may start its
   * engine before being asked (restores pass a snapshot, so they are not eager).
   */
  constructor(
    readonly id: EngineId,
    private readonly spawn: (eager: boolean) => WorkerHandle,
  ) {}

  /** The current status, and a subscription to its changes (returns the unsubscribe). */
  getStatus(): EngineStatus {
    return this.status;
  }

  onStatus(listener: (s: EngineStatus) => void): () => void {
    this.listeners.add(listener);
    listener(this.status);
    return () => this.listeners.delete(listener);
  }

  /** Starts the worker if it is not running; safe to call many times. */
  ensureStarted(): Promise<void> {
    if (this.status.state === 'failed') this.starting = undefined;
    this.starting ??= this.boot({ state: 'loading' });
    return this.starting;
  }

  async run(request: RunRequest, onStatement?: StatementListener): Promise<RunResult> {
    clearTimeout(this.snapshotTimer);
    await this.ensureStarted();
    const started = performance.now();
    const segments = segmentsFor(request, this.id === 'postgres' ? 'postgres' : 'sqlite');
    const segmentByStart = new Map(segments.map((s) => [s.from, s]));
    const results: StatementResult[] = [];
    const loggedBefore = this.replayLog.length;
    let lastEnd = started;
    const onResult = (result: StatementResult): void => {
      results.push(result);
      lastEnd = performance.now();
      if (result.status === 'ok' && result.mutates) {
        const seg = segmentByStart.get(result.range.from);
        if (seg) this.log(seg, result.durationMs);
      }
      onStatement?.(result);
    };
    this.setStatus({ state: 'running', since: Date.now() });
    const interrupted = new Promise<Interruption>((resolve) => (this.interrupt = resolve));
    const timer = setTimeout(
      () =>
        this.interrupt?.({
          kind: 'timeout',
          message: `Stopped after ${formatMs(this.timeoutMs)}, the time limit for a run. You can raise the limit in Settings.`,
        }),
      this.timeoutMs,
    );
    try {
      const outcome = await Promise.race([
        this.call('run', (id) => [id, request], onResult).then((value) => ({ value })),
        interrupted,
      ]);
      if ('value' in outcome) {
        this.setStatus({ state: 'ready' });
        this.maybeSnapshot(outcome.value);
        return outcome.value;
      }
      return this.interruptedRun(outcome, segments, results, started, lastEnd);
    } catch (error) {
      if (error instanceof CallError && error.serialized.crashed) {
        const outcome: Interruption = {
          kind: 'crashed',
          message: `${error.message} The engine was restarted and the database restored to its state before this statement.`,
        };
        return this.interruptedRun(outcome, segments, results, started, lastEnd);
      }
      // The worker was terminated under this run (reset or close) or failed to start.
      if (this.replayLog.length > loggedBefore && this.status.state === 'failed') {
        this.replayLog.length = loggedBefore;
      }
      throw error;
    } finally {
      clearTimeout(timer);
      this.interrupt = undefined;
    }
  }

  /** Stops the running statement: the worker is terminated and the database restored. */
  cancel(): void {
    this.interrupt?.({
      kind: 'cancelled',
      message: 'Cancelled. The database was restored to its state before this statement.',
    });
  }

  /** Statements a restore would replay on top of the last snapshot. */
  replayLogLength(): number {
    return this.replayLog.length;
  }

  isRunning(): boolean {
    return this.status.state === 'running';
  }

  async query(sql: string): Promise<QueryRows> {
    await this.ensureStarted();
    return this.call('query', (id) => [id, sql]);
  }

  /** The live schema, read from the catalog in the worker. */
  async introspect(): Promise<{ model: SchemaModel; ms: number }> {
    await this.ensureStarted();
    return this.call('introspect', () => []);
  }

  /** Lets the engine warm its catalog-reading code up (Postgres; a no-op elsewhere). */
  async warmIntrospection(): Promise<{ ms: number }> {
    await this.ensureStarted();
    return this.call('warmIntrospection', () => []);
  }

  async snapshot(): Promise<EngineSnapshot> {
    await this.ensureStarted();
    return this.call('snapshot', () => []);
  }

  async availableExtensions(): Promise<string[]> {
    await this.ensureStarted();
    return (await this.call('extensions', () => [])).available;
  }

  /** Throws the database away and starts an empty one. */
  async reset(): Promise<void> {
    clearTimeout(this.snapshotTimer);
    this.lastSnapshot = undefined;
    this.extensions = [];
    this.replayLog = [];
    this.stopWorker('The database was reset.');
    this.starting = this.boot({ state: 'restarting', reason: 'Starting an empty database…' });
    return this.starting;
  }

  async close(): Promise<void> {
    clearTimeout(this.snapshotTimer);
    this.stopWorker('The engine was closed.');
    this.starting = undefined;
    this.setStatus({ state: 'idle' });
  }

  /** Makes the worker fail as a WebAssembly trap would, to exercise recovery (tests only). */
  async crashForTest(): Promise<void> {
    await this.ensureStarted();
    await this.call('crashForTest', () => []).catch(() => undefined);
  }

  private async boot(status: EngineStatus): Promise<void> {
    this.setStatus(status);
    const worker = this.spawn(this.spawned++ === 0 && !this.lastSnapshot);
    this.worker = worker;
    worker.onEvent((event) => this.handle(event));
    worker.onFailure((reason) => this.workerFailed(worker, reason));
    const args: StartArgs = {
      engine: this.id,
      extensions: this.extensions,
      ...(this.lastSnapshot ? { snapshot: this.lastSnapshot } : {}),
    };
    try {
      const started = await this.call('start', () => [args]);
      this.extensions = started.extensions;
      if (this.replayLog.length > 0) {
        const report: ReplayReport = await this.call('replay', (id) => [
          id,
          this.replayLog.map((l) => l.entry),
        ]);
        if (report.failed.length > 0) {
          console.warn('Some statements failed when the database was restored', report.failed);
        }
      }
      if (this.worker === worker) this.setStatus({ state: 'ready' });
    } catch (error) {
      if (this.worker !== worker) return;
      const reason = error instanceof Error ? error.message : String(error);
      this.setStatus({ state: 'failed', reason });
      throw error;
    }
  }

  /** Ends a run that was cancelled, timed out or crashed, and starts the restore. */
  private interruptedRun(
    interruption: Interruption,
    segments: Segment[],
    results: StatementResult[],
    started: number,
    inFlightSince: number,
  ): RunResult {
    const inFlight = segments[results.length];
    if (inFlight) {
      const error: EngineError = { kind: interruption.kind, message: interruption.message };
      results.push({
        index: results.length,
        range: { from: inFlight.from, to: inFlight.to },
        sql: inFlight.text,
        firstLine: firstLine(inFlight.text),
        status: 'cancelled',
        command: '',
        columns: [],
        rows: [],
        rowCount: 0,
        truncated: false,
        rowsAffected: null,
        notices: [],
        durationMs: performance.now() - inFlightSince,
        mutates: false,
        error,
      });
    }
    this.recover(interruption.message);
    return {
      results,
      changed: true,
      notRun: Math.max(0, segments.length - results.length),
      inTransaction: false,
      totalMs: performance.now() - started,
    };
  }

  /** Replaces a dead or stopped worker by a fresh one with the database restored. */
  private recover(reason: string): void {
    this.stopWorker(reason);
    const restoring = this.boot({ state: 'restarting', reason: 'Restoring the database…' });
    restoring.catch(() => undefined);
    this.starting = restoring;
  }

  private log(segment: Segment, ms: number): void {
    this.replayLog.push({
      entry: {
        sql: segment.text,
        ...(segment.copyData ? { copyData: segment.copyData.text } : {}),
      },
      ms,
    });
  }

  /** Takes a snapshot when replaying the log would be slow, so a restore stays quick. */
  private maybeSnapshot(result: RunResult): void {
    if (!result.changed || result.inTransaction) return;
    // Wait a moment: what the UI asks right after a run (the new schema for the diagram and
    // completion) should not queue behind a half-second copy of the database.
    clearTimeout(this.snapshotTimer);
    this.snapshotTimer = setTimeout(() => this.takeSnapshot(), SNAPSHOT_DELAY_MS);
  }

  /** Takes a pending snapshot now instead of after the delay; resolves when it is taken. */
  async flushSnapshot(): Promise<void> {
    if (this.snapshotTimer !== undefined) {
      clearTimeout(this.snapshotTimer);
      this.snapshotTimer = undefined;
      this.takeSnapshot();
    }
    await this.snapshotting;
  }

  private takeSnapshot(): void {
    if (this.snapshotting || this.isRunning() || !this.worker) return;
    const replayMs = this.replayLog.reduce((sum, l) => sum + l.ms, 0);
    if (replayMs < SNAPSHOT_AFTER_REPLAY_MS && this.replayLog.length < SNAPSHOT_AFTER_STATEMENTS) {
      return;
    }
    const covered = this.replayLog.length;
    const worker = this.worker;
    this.snapshotting = this.call('snapshot', () => [])
      .then((snapshot) => {
        if (this.worker !== worker) return;
        this.lastSnapshot = snapshot;
        this.extensions = snapshot.extensions;
        this.replayLog = this.replayLog.slice(covered);
      })
      .catch(() => undefined)
      .finally(() => (this.snapshotting = undefined));
  }

  private call<M extends WorkerMethod>(
    method: M,
    args: (id: number) => CallArgs<M>,
    onStatement?: (result: StatementResult) => void,
  ): Promise<Awaited<ReturnType<WorkerApi[M]>>> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error('The engine is not running.'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, {
        resolve: resolve as (v: unknown) => void,
        reject,
        ...(onStatement ? { onStatement } : {}),
      });
      worker.post({ type: 'call', id, method, args: args(id) } as WorkerRequest);
    }).catch((error: unknown) => {
      // A crash outside a run (introspection, snapshot) is recovered the same way.
      const crashed = error instanceof CallError && error.serialized.crashed;
      if (crashed && method !== 'run' && method !== 'start' && this.worker === worker) {
        this.recover(error.message);
      }
      throw error;
    }) as Promise<Awaited<ReturnType<WorkerApi[M]>>>;
  }

  private handle(event: WorkerEvent): void {
    if (event.type === 'progress') {
      if (this.status.state === 'loading')
        this.setStatus({ state: 'loading', progress: event.progress });
      return;
    }
    const pending = this.pending.get(event.id);
    if (!pending) return;
    if (event.type === 'statement') {
      pending.onStatement?.(event.result);
      return;
    }
    this.pending.delete(event.id);
    if (event.type === 'result') pending.resolve(event.value);
    else pending.reject(new CallError(event.error));
  }

  private workerFailed(worker: WorkerHandle, reason: string): void {
    if (this.worker !== worker) return;
    const crash = new CallError({ message: reason, name: 'WorkerError', crashed: true });
    if (this.status.state === 'loading' || this.status.state === 'restarting') {
      this.setStatus({ state: 'failed', reason });
    }
    for (const p of this.pending.values()) p.reject(crash);
    this.pending.clear();
  }

  private stopWorker(reason: string): void {
    this.worker?.terminate();
    this.worker = undefined;
    const error = new Error(reason);
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  private setStatus(status: EngineStatus): void {
    this.status = status;
    for (const l of this.listeners) l(status);
  }
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${Math.round(ms)} ms`;
}

function createWorker(engine: EngineId, name: string): Worker {
  return engine === 'postgres'
    ? new Worker(new URL('./pg.worker.ts', import.meta.url), { type: 'module', name })
    : new Worker(new URL('./sqlite.worker.ts', import.meta.url), { type: 'module', name });
}

/** A SQLite worker thread made ahead of use, and whether its script failed to load. */
let standby: { worker: Worker; failed: boolean } | undefined;

/**
 * Creates SQLite's worker thread ahead of use. It loads nothing else (no WebAssembly, no
 * engine code) until its first request, but a first use then skips the thread's start, which
 * waits for the page's main thread and is slow while the page is busy.
 */
export function prepareSqliteWorker(): void {
  if (standby) return;
  const prepared = { worker: createWorker('sqlite', 'sqlite'), failed: false };
  prepared.worker.addEventListener('error', () => (prepared.failed = true), { once: true });
  standby = prepared;
}

/** Spawns the browser worker of an engine (each engine has its own worker bundle). */
export function browserWorker(engine: EngineId, eager: boolean): WorkerHandle {
  let worker: Worker | undefined;
  if (engine === 'sqlite' && standby) {
    if (!standby.failed) worker = standby.worker;
    else standby.worker.terminate();
    standby = undefined;
  }
  worker ??= createWorker(engine, eager ? 'eager' : engine);
  return {
    post: (message) => worker.postMessage(message),
    onEvent: (handler) =>
      worker.addEventListener('message', (e: MessageEvent<WorkerEvent>) => handler(e.data)),
    onFailure: (handler) =>
      worker.addEventListener('error', (e: ErrorEvent) => {
        e.preventDefault();
        handler(e.message || 'The engine worker failed to load.');
      }),
    terminate: () => worker.terminate(),
  };
}
