// The state of one open playground and the actions on it. Components read this and call
// its methods; it owns the engine clients and never touches the DOM itself.

import {
  EngineClient,
  browserWorker,
  type EngineStatus,
  type WorkerHandle,
} from '../engine/client';
import {
  ENGINE_IDS,
  type EngineId,
  type RunRequest,
  type SourceRange,
  type StatementResult,
} from '../engine/types';
import { segmentAt, splitScript } from '../engine/split';
import { DEFAULT_COMPARE_SCRIPT, DEFAULT_SCRIPTS } from './default-scripts';
import { CompareStore } from './compare.svelte';
import { PlanStore } from './plans.svelte';
import { DatagenStore } from './datagen.svelte';
import type { SchemaModel } from '../schema/model';
import { sameSchema } from '../schema/diff';
import { DiagramStore, prewarmLayout } from '../erd/diagram.svelte';
import { findCreateStatement } from '../erd/find-create';

export type View = 'results' | 'diagram' | 'plan';
export type Mode = 'single' | 'compare';
/** The editor's documents: each engine's script, and the compare script. */
export type DocId = EngineId | 'compare';

export interface Settings {
  stopOnError: boolean;
  timeoutMs: number;
  autoRunSharedLinks: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  stopOnError: true,
  timeoutMs: 30_000,
  autoRunSharedLinks: false,
};

/** The results of the latest run on one engine, growing while the run goes on. */
export interface RunView {
  id: number;
  engine: EngineId;
  results: StatementResult[];
  done: boolean;
  notRun: number;
  totalMs: number;
  startedAt: number;
  /** The run failed as a whole (engine could not start), not a statement. */
  failure?: string;
}

/** What the workspace needs from the editor component. */
export interface EditorBridge {
  /** The script on screen. */
  text(): string;
  /** Any engine's script, whether shown or not. */
  textOf(engine: EngineId): string;
  /** The compare script, whether shown or not. */
  compareText(): string;
  /** Replaces a whole document as one undoable change. */
  replaceAll(doc: DocId, text: string): void;
  /** Replaces part of a document (e.g. applying a suggested port), undoable. */
  replaceRange(doc: DocId, range: SourceRange, text: string): void;
  /** Adds text at the end of a document (undoable). */
  append(doc: DocId, text: string): void;
  /** Shows another playground's scripts, with fresh undo histories. */
  load(scripts: Record<EngineId, string>, compareScript: string): void;
  selection(): SourceRange;
  showResults(results: readonly StatementResult[]): void;
  select(range: SourceRange): void;
  focus(): void;
  /** Builds a hidden document's editor state ahead of its first showing. */
  prepare(doc: DocId): void;
}

export type RunKind = 'all' | 'statement';

export class Workspace {
  engine = $state<EngineId>('postgres');
  /** One engine at a time, or the compare script on both. */
  mode = $state<Mode>('single');
  view = $state<View>('results');
  settings = $state<Settings>({ ...DEFAULT_SETTINGS });
  runs = $state.raw<Record<EngineId, RunView | undefined>>({
    postgres: undefined,
    sqlite: undefined,
  });
  statuses = $state.raw<Record<EngineId, EngineStatus>>({
    postgres: { state: 'idle' },
    sqlite: { state: 'idle' },
  });
  /** Ticks while a run goes on, so elapsed times re-render. */
  now = $state(Date.now());
  /** Diagram positions by table key, per engine (kept in the playground). */
  positions = $state.raw<Record<EngineId, Record<string, { x: number; y: number }>>>({
    postgres: {},
    sqlite: {},
  });
  /** Scripts as last saved; the editor holds the live text. */
  scripts: Record<EngineId, string> = { ...DEFAULT_SCRIPTS };
  compareScript = DEFAULT_COMPARE_SCRIPT;
  editor: EditorBridge | undefined;
  readonly compare: CompareStore;

  readonly plans: PlanStore;
  readonly datagen: DatagenStore;
  /** The live schema of each engine, read after every run. */
  schemas = $state.raw<Record<EngineId, SchemaModel | undefined>>({
    postgres: undefined,
    sqlite: undefined,
  });
  /** How long the last introspection took in the engine worker, per engine. */
  introspectMs = $state.raw<Record<EngineId, number | undefined>>({
    postgres: undefined,
    sqlite: undefined,
  });
  private schemaRequests: Record<EngineId, number> = { postgres: 0, sqlite: 0 };
  /** The diagram of each engine (layout runs only while a diagram is on screen). */
  readonly diagrams: Record<EngineId, DiagramStore>;
  /** Whether the last run left an explicit transaction open, per engine. */
  private openTransaction: Record<EngineId, boolean> = { postgres: false, sqlite: false };

  private readonly clients: Partial<Record<EngineId, EngineClient>> = {};
  private runCounter = 0;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private listeners: ((engine: EngineId) => void)[] = [];

  /** `started` holds clients created before the UI (Postgres starts with the page). */
  constructor(
    started: Partial<Record<EngineId, EngineClient>> = {},
    private readonly spawn: (engine: EngineId, eager: boolean) => WorkerHandle = browserWorker,
  ) {
    for (const [engine, client] of Object.entries(started) as [EngineId, EngineClient][]) {
      this.adopt(engine, client);
    }
    this.compare = new CompareStore(this);
    this.datagen = new DatagenStore(this);
    const positionsOf = (engine: EngineId) => ({
      get: () => this.positions[engine],
      set: (p: Record<string, { x: number; y: number }>) => {
        this.positions = { ...this.positions, [engine]: p };
      },
    });
    this.diagrams = {
      postgres: new DiagramStore(positionsOf('postgres')),
      sqlite: new DiagramStore(positionsOf('sqlite')),
    };
    this.plans = new PlanStore(
      (engine) => this.client(engine),
      (engine) => this.openTransaction[engine],
      (engine) => columnTypes(this.schemas[engine]),
    );
    this.onRunComplete((engine) => void this.refreshSchema(engine));
  }

  /**
   * Reads the engine's catalog again. A newer request always wins: an older answer that
   * arrives late is dropped.
   */
  async refreshSchema(engine: EngineId): Promise<void> {
    const request = ++this.schemaRequests[engine];
    const client = this.clients[engine];
    if (!client) return;
    const diagram = this.diagrams[engine];
    diagram.reading = true;
    try {
      const { model: read, ms } = await client.introspect();
      if (request !== this.schemaRequests[engine]) return;
      // A run that changed no object keeps the model it had, so nothing is laid out again.
      const unchanged = sameSchema(this.schemas[engine], read);
      const model = unchanged ? (this.schemas[engine] ?? read) : read;
      // The diagram on screen asks for its layout now, before the rest of the page reacts to
      // the new schema; its own update then finds the layout already on its way.
      if (this.mode === 'single' && this.view === 'diagram' && this.engine === engine) {
        void diagram.show(model);
      }
      if (!unchanged) this.schemas = { ...this.schemas, [engine]: model };
      this.introspectMs = { ...this.introspectMs, [engine]: ms };
      performance.mark('schemalab:introspected', {
        detail: { engine, ms, tables: model.relations.length },
      });
    } catch {
      // The engine restarted or the run was cancelled: the next run refreshes it.
    } finally {
      if (request === this.schemaRequests[engine]) diagram.reading = false;
    }
  }

  /** Explains the statement under the cursor (or the selection) and shows its plan. */
  async explainAtCursor(): Promise<void> {
    if (this.mode === 'compare') return this.compare.explainAtCursor();
    const editor = this.editor;
    if (!editor || this.isRunning()) return;
    const script = editor.text();
    const range = targetRange(script, editor.selection(), this.engine);
    if (!range) return;
    const sql = script.slice(range.from, range.to).trim().replace(/;\s*$/, '').trim();
    if (!sql) return;
    this.view = 'plan';
    await this.plans.explain(this.engine, sql);
    for (const l of this.listeners) l(this.engine);
  }

  /** Whether an engine's client exists (its engine was used or is starting). */
  hasClient(engine: EngineId): boolean {
    return this.clients[engine] !== undefined;
  }

  /** The engine client, created (and its worker started) on first use. */
  client(engine: EngineId): EngineClient {
    return (
      this.clients[engine] ??
      this.adopt(engine, new EngineClient(engine, (eager) => this.spawn(engine, eager)))
    );
  }

  private adopt(engine: EngineId, client: EngineClient): EngineClient {
    client.timeoutMs = this.settings.timeoutMs;
    let warmed = false;
    client.onStatus((status) => {
      this.statuses = { ...this.statuses, [engine]: status };
      this.updateTicker();
      if (status.state === 'ready' && !warmed) {
        warmed = true;
        this.whenQuiet(() => {
          // Read the (empty) catalog once: completion gets its first schema, and the
          // engine's catalog caches and catalog-reading code are warm before the first
          // real diagram.
          const catalog = this.refreshSchema(engine).then(() =>
            this.warmIntrospection(engine, client),
          );
          // For tests and benchmarks: the page has done its start-up work, as it has by the
          // time someone has typed a script. One mark, so they need not know each warm-up.
          void Promise.all([catalog, prewarmLayout()]).then(() =>
            performance.mark('schemalab:settled', { detail: { engine } }),
          );
        });
      }
    });
    this.clients[engine] = client;
    return client;
  }

  private async warmIntrospection(engine: EngineId, client: EngineClient): Promise<void> {
    if (engine !== 'postgres') return;
    try {
      // Two rounds, each its own request, so a run the user starts meanwhile waits for one
      // round at most.
      let ms = 0;
      for (let round = 0; round < 2; round++) ms += (await client.warmIntrospection()).ms;
      performance.mark('schemalab:introspection-warm', { detail: { engine, ms } });
    } catch {
      // Only a head start: the engine restarted or is gone, and nothing is lost.
    }
  }

  /**
   * Starts an engine's worker without running anything. Postgres starts with the page; the
   * other engine starts when the pointer or focus reaches its tab, a moment before the click.
   */
  warmUp(engine: EngineId): void {
    this.client(engine)
      .ensureStarted()
      .catch(() => undefined);
  }

  /**
   * Gets ready to show an engine's script or the compare script (the pointer or focus is on
   * its tab): starts the engines it runs on and builds its editor state.
   */
  prepareToShow(doc: DocId): void {
    for (const engine of doc === 'compare' ? ENGINE_IDS : [doc]) this.warmUp(engine);
    this.editor?.prepare(doc);
  }

  setEngine(engine: EngineId): void {
    this.mode = 'single';
    this.engine = engine;
    this.warmUp(engine);
  }

  /** Compare mode: the compare script runs on both engines. */
  setCompareMode(): void {
    this.mode = 'compare';
    this.warmUp('postgres');
    this.warmUp('sqlite');
  }

  /** The document the editor shows. */
  shownDoc(): DocId {
    return this.mode === 'compare' ? 'compare' : this.engine;
  }

  /** A document's saved text (the editor holds the live text once it is open). */
  docText(doc: DocId): string {
    return doc === 'compare' ? this.compareScript : this.scripts[doc];
  }

  /** Shows the statement that created a table or view in the editor. */
  revealCreate(engine: EngineId, key: string): boolean {
    const relation = this.schemas[engine]?.relations.find((r) => r.key === key);
    const editor = this.editor;
    if (!relation || !editor) return false;
    const script = this.mode === 'compare' ? editor.compareText() : editor.textOf(engine);
    const range = findCreateStatement(script, engine, relation.schema, relation.name);
    if (range) editor.select(range);
    return range !== undefined;
  }

  /** Lets components tell listeners that an engine's database may have changed. */
  notifyChanged(engine: EngineId): void {
    for (const l of this.listeners) l(engine);
  }

  /** Called after each completed run of an engine (schema refresh, diagram, completion). */
  onRunComplete(listener: (engine: EngineId) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** Runs the whole script, or the selection / statement at the cursor. */
  async run(kind: RunKind): Promise<void> {
    if (this.mode === 'compare') return this.compare.run(kind);
    const editor = this.editor;
    if (!editor) return;
    const engine = this.engine;
    const client = this.client(engine);
    if (client.isRunning()) return;
    const script = editor.text();
    const request: RunRequest = { script, stopOnError: this.settings.stopOnError };
    if (kind === 'statement') {
      const range = targetRange(script, editor.selection(), engine);
      if (!range) return;
      request.range = range;
    }
    client.timeoutMs = this.settings.timeoutMs;
    const id = ++this.runCounter;
    const view: RunView = {
      id,
      engine,
      results: [],
      done: false,
      notRun: 0,
      totalMs: 0,
      startedAt: Date.now(),
    };
    this.setRun(engine, view);
    // Results arrive statement by statement; publish them at most once per frame so that a
    // script of 15,000 INSERTs does not re-render 15,000 times.
    const pending: StatementResult[] = [];
    let scheduled = false;
    const flush = (): void => {
      scheduled = false;
      if (pending.length === 0 || this.runs[engine]?.id !== id) return;
      const current = this.runs[engine] as RunView;
      this.setRun(engine, { ...current, results: [...current.results, ...pending.splice(0)] });
    };
    try {
      const result = await client.run(request, (r) => {
        pending.push(r);
        if (!scheduled) {
          scheduled = true;
          requestAnimationFrame(flush);
        }
      });
      pending.length = 0;
      this.openTransaction[engine] = result.inTransaction;
      this.setRun(engine, {
        ...view,
        results: result.results,
        done: true,
        notRun: result.notRun,
        totalMs: result.totalMs,
      });
      editor.showResults(result.results);
      performance.mark('schemalab:run-end', {
        detail: { engine, statements: result.results.length },
      });
    } catch (error) {
      pending.length = 0;
      this.setRun(engine, {
        ...view,
        done: true,
        failure: error instanceof Error ? error.message : String(error),
      });
    }
    for (const l of this.listeners) l(engine);
  }

  cancel(): void {
    if (this.mode === 'compare') {
      this.clients.postgres?.cancel();
      this.clients.sqlite?.cancel();
    } else this.clients[this.engine]?.cancel();
  }

  /** Empties the active engine's database. */
  async resetDatabase(): Promise<void> {
    if (this.mode === 'compare') return this.resetEngines();
    const engine = this.engine;
    this.setRun(engine, undefined);
    await this.client(engine).reset();
    for (const l of this.listeners) l(engine);
  }

  /** Starts both databases empty (another playground was opened); running ones restart. */
  async resetEngines(): Promise<void> {
    this.runs = { postgres: undefined, sqlite: undefined };
    this.schemas = { postgres: undefined, sqlite: undefined };
    this.diagrams.postgres.clear();
    this.diagrams.sqlite.clear();
    this.plans.clear();
    this.compare.clear();
    const started = Object.entries(this.clients) as [EngineId, EngineClient][];
    await Promise.all(
      started.map(([, client]) =>
        client.getStatus().state === 'idle' ? undefined : client.reset().catch(() => undefined),
      ),
    );
    for (const [engine] of started) for (const l of this.listeners) l(engine);
  }

  /** Whether an engine (by default: what the editor runs on) is running a statement. */
  isRunning(engine?: EngineId): boolean {
    if (engine) return this.statuses[engine].state === 'running';
    if (this.mode === 'compare') {
      return this.compare.busy || this.isRunning('postgres') || this.isRunning('sqlite');
    }
    return this.statuses[this.engine].state === 'running';
  }

  /** Whether someone is waiting for a run's results (its engine may still be starting). */
  awaitingResults(): boolean {
    return this.compare.busy || ENGINE_IDS.some((engine) => this.runs[engine]?.done === false);
  }

  /**
   * Runs `task` once the page is idle and no engine is starting or running, so warm-up work
   * never competes with what the user is waiting for.
   */
  private whenQuiet(task: () => void): void {
    this.whenIdle(() => {
      if (this.enginesBusy()) setTimeout(() => this.whenQuiet(task), 100);
      else task();
    });
  }

  private enginesBusy(): boolean {
    return Object.values(this.statuses).some(
      (s) => s.state === 'running' || s.state === 'loading' || s.state === 'restarting',
    );
  }

  private whenIdle(task: () => void): void {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 2000 });
    else setTimeout(task, 500);
  }

  private setRun(engine: EngineId, view: RunView | undefined): void {
    this.runs = { ...this.runs, [engine]: view };
  }

  private updateTicker(): void {
    const busy = this.enginesBusy();
    if (busy && !this.ticker) {
      this.ticker = setInterval(() => (this.now = Date.now()), 100);
    } else if (!busy && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
      this.now = Date.now();
    }
  }
}

/** Column types by table name then column, for the plan rules. */
function columnTypes(model: SchemaModel | undefined): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const r of model?.relations ?? []) {
    out[r.name] = Object.fromEntries(r.columns.map((c) => [c.name, c.type]));
  }
  return out;
}

/** The selection if there is one, else the statement under the cursor (with its `;`). */
export function targetRange(
  script: string,
  selection: SourceRange,
  engine: EngineId,
): SourceRange | undefined {
  if (selection.to > selection.from && script.slice(selection.from, selection.to).trim()) {
    return selection;
  }
  const seg = segmentAt(splitScript(script, engine), selection.from);
  return seg ? { from: seg.from, to: seg.end } : undefined;
}
