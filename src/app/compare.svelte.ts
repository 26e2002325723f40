// Compare mode: one script on both engines, results lined up statement by statement and
// every difference explained. The compare core (catalogue, alignment) loads on first use.

import type { AlignedRow, Explanation, PortSuggestion, VariantBlock } from '../compare';
import type { EngineId, RunRequest, RunResult, SourceRange } from '../engine/types';
import { ENGINE_IDS } from '../engine/types';
import type { Workspace } from './workspace.svelte';
import { targetRange } from './workspace.svelte';
import { compareRuns, nextTask, splitCompareScript } from '../compare/worker/client';

type CompareCore = typeof import('../compare');
let core: Promise<CompareCore> | undefined;
/** The compare core, loaded once. */
export const loadCompareCore = (): Promise<CompareCore> => (core ??= import('../compare'));

export interface VariantProblem {
  message: string;
  line: number;
  column: number;
}

/** The sub-views of compare mode. */
export type CompareTab = 'results' | 'plans' | 'diagrams' | 'catalogue';

type SidePlan = Awaited<ReturnType<Workspace['plans']['explainOnly']>>;

export class CompareStore {
  rows = $state.raw<AlignedRow[]>([]);
  explanations = $state.raw<Explanation[]>([]);
  runs = $state.raw<Partial<Record<EngineId, RunResult>>>({});
  blocks = $state.raw<readonly VariantBlock[]>([]);
  busy = $state(false);
  problem = $state.raw<VariantProblem | undefined>();
  failure = $state<string | undefined>();
  /** Set when the last run was "Run all" (both databases were emptied first). */
  ranAll = $state(false);
  /** The sub-view on screen; Explain switches to the plans. */
  tab = $state<CompareTab>('results');
  /** A catalogue entry to open and scroll to when the catalogue shows. */
  catalogueFocus = $state<string | undefined>();
  /**
   * Where a statement the user just rewrote starts: after the re-run the view scrolls to
   * its row. Cleared by the view once shown.
   */
  focusOffset = $state<number | undefined>();
  /** Plans of the same statement on both engines, after explainAtCursor. */
  sideBySidePlans = $state.raw<(SidePlan | undefined)[]>([]);
  /** The statement each engine explained, in ENGINE_IDS order. */
  explainedSql = $state.raw<(string | undefined)[]>([]);
  explaining = $state(false);

  private lastKind: 'all' | 'statement' = 'all';

  constructor(private readonly ws: Workspace) {}

  /** Runs the compare script (or the statement at the cursor) on both engines. */
  async run(kind: 'all' | 'statement'): Promise<void> {
    const editor = this.ws.editor;
    if (!editor || this.busy) return;
    const text = editor.compareText();
    this.busy = true;
    this.failure = undefined;
    this.tab = 'results';
    try {
      const split = await splitCompareScript(text, loadCompareCore);
      if (!split.ok) {
        this.problem = { message: split.message, line: split.line, column: split.column };
        return;
      }
      this.problem = undefined;
      const selection = editor.selection();
      // Both engines start empty for Run all, so the comparison does not depend on history.
      if (kind === 'all') await this.ws.resetEngines();
      const started: Promise<RunResult | undefined>[] = [];
      for (const engine of ENGINE_IDS) {
        const script = split.scripts[engine];
        const request: RunRequest = { script, stopOnError: false };
        if (kind === 'statement') {
          const range = targetRange(text, selection, 'postgres');
          if (!range) return;
          request.range = range;
        }
        // Each client splits its script on this thread before handing it to its worker;
        // one engine at a time keeps a long script from blocking the page twice as long.
        if (started.length > 0) await nextTask();
        const client = this.ws.client(engine);
        client.timeoutMs = this.ws.settings.timeoutMs;
        started.push(client.run(request));
      }
      const runs = await Promise.all(started);
      const [postgres, sqlite] = runs;
      if (!postgres || !sqlite) return;
      // Receiving a long run's results was one task already; copying them to the compare
      // worker is another.
      await nextTask();
      // Aligning and explaining 15,000 statements takes long enough to freeze the page:
      // the compare worker does it.
      const { rows, explanations } = await compareRuns(
        { postgres: postgres.results, sqlite: sqlite.results },
        split.blocks,
        loadCompareCore,
      );
      this.runs = { postgres, sqlite };
      this.blocks = split.blocks;
      this.rows = rows;
      this.explanations = explanations;
      this.ranAll = kind === 'all';
      this.lastKind = kind;
      for (const engine of ENGINE_IDS) this.ws.notifyChanged(engine);
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }

  /** Explains the statement at the cursor on both engines (shown side by side). */
  async explainAtCursor(): Promise<void> {
    const editor = this.ws.editor;
    if (!editor || this.busy || this.explaining) return;
    this.tab = 'plans';
    this.explaining = true;
    try {
      const split = await splitCompareScript(editor.compareText(), loadCompareCore);
      if (!split.ok) {
        this.problem = { message: split.message, line: split.line, column: split.column };
        return;
      }
      const selection = editor.selection();
      const sqlFor = (engine: EngineId): string | undefined => {
        const script = split.scripts[engine];
        const range = targetRange(script, selection, engine);
        const sql = range
          ? script.slice(range.from, range.to).trim().replace(/;\s*$/, '').trim()
          : '';
        return sql || undefined;
      };
      const sqls = ENGINE_IDS.map(sqlFor);
      this.explainedSql = sqls;
      this.sideBySidePlans = await Promise.all(
        ENGINE_IDS.map(async (engine, i) => {
          const sql = sqls[i];
          return sql ? this.ws.plans.explainOnly(engine, sql) : undefined;
        }),
      );
    } finally {
      this.explaining = false;
    }
  }

  /** A ported statement for the side where `row` failed, if the catalogue knows one. */
  async portFor(row: AlignedRow, engine: EngineId): Promise<PortSuggestion | undefined> {
    const { suggestPort } = await loadCompareCore();
    const sql = row.sides[engine].sql;
    return sql ? suggestPort(sql, engine) : undefined;
  }

  /**
   * Replaces part of the compare script (a ported statement) and runs again the way the
   * last run went: everything from empty databases, or just the changed text.
   */
  async applyEdit(range: SourceRange, text: string, inserted: SourceRange): Promise<void> {
    const editor = this.ws.editor;
    if (!editor || this.busy) return;
    editor.replaceRange('compare', range, text);
    this.focusOffset = inserted.from;
    if (this.lastKind === 'statement') editor.select(inserted);
    await this.run(this.lastKind);
  }

  /** Appends text (a catalogue demo) to the compare script and selects it. */
  appendToScript(text: string): void {
    const editor = this.ws.editor;
    if (!editor) return;
    const from = editor.compareText().length;
    editor.append('compare', text);
    editor.select({ from, to: from + text.length });
  }

  /** Selects a 1-based line of the compare script in the editor. */
  selectLine(line: number): void {
    const editor = this.ws.editor;
    if (!editor) return;
    const text = editor.compareText();
    let from = 0;
    for (let l = 1; l < line; l++) {
      const next = text.indexOf('\n', from);
      if (next < 0) break;
      from = next + 1;
    }
    const end = text.indexOf('\n', from);
    editor.select({ from, to: end < 0 ? text.length : end });
  }

  /** Shows a catalogue entry in the catalogue tab. */
  openCatalogue(entryId?: string): void {
    this.catalogueFocus = entryId;
    this.tab = 'catalogue';
  }

  clear(): void {
    this.rows = [];
    this.explanations = [];
    this.runs = {};
    this.sideBySidePlans = [];
    this.explainedSql = [];
    this.problem = undefined;
    this.failure = undefined;
  }
}
