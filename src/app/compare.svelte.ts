// Compare mode: one script on both engines, results lined up statement by statement and
// every difference explained. The compare core (catalogue, alignment) loads on first use.

import type { AlignedRow, Explanation, PortSuggestion, VariantBlock } from '../compare';
import type { EngineId, RunRequest, RunResult } from '../engine/types';
import { ENGINE_IDS } from '../engine/types';
import type { Workspace } from './workspace.svelte';
import { targetRange } from './workspace.svelte';

type CompareCore = typeof import('../compare');
let core: Promise<CompareCore> | undefined;
/** The compare core, loaded once. */
export const loadCompareCore = (): Promise<CompareCore> => (core ??= import('../compare'));

export interface VariantProblem {
  message: string;
  line: number;
  column: number;
}

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

  constructor(private readonly ws: Workspace) {}

  /** Runs the compare script (or the statement at the cursor) on both engines. */
  async run(kind: 'all' | 'statement'): Promise<void> {
    const editor = this.ws.editor;
    if (!editor || this.busy) return;
    const text = editor.compareText();
    this.busy = true;
    this.failure = undefined;
    try {
      const { splitVariants, alignResults, explainDifferences } = await loadCompareCore();
      const split = splitVariants(text);
      if (!split.ok) {
        this.problem = { message: split.message, line: split.line, column: split.column };
        return;
      }
      this.problem = undefined;
      const selection = editor.selection();
      // Both engines start empty for Run all, so the comparison does not depend on history.
      if (kind === 'all') await this.ws.resetEngines();
      const runs = await Promise.all(
        ENGINE_IDS.map(async (engine) => {
          const script = split.scripts[engine];
          const request: RunRequest = { script, stopOnError: false };
          if (kind === 'statement') {
            const range = targetRange(text, selection, 'postgres');
            if (!range) return undefined;
            request.range = range;
          }
          return this.ws.client(engine).run(request);
        }),
      );
      const [postgres, sqlite] = runs;
      if (!postgres || !sqlite) return;
      this.runs = { postgres, sqlite };
      this.blocks = split.blocks;
      this.rows = alignResults({
        results: { postgres: postgres.results, sqlite: sqlite.results },
        blocks: split.blocks,
      });
      this.explanations = explainDifferences(this.rows);
      this.ranAll = kind === 'all';
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
    if (!editor) return;
    const { splitVariants } = await loadCompareCore();
    const split = splitVariants(editor.compareText());
    if (!split.ok) return;
    const selection = editor.selection();
    const sqlFor = (engine: EngineId): string | undefined => {
      const script = split.scripts[engine];
      const range = targetRange(script, selection, engine);
      const sql = range
        ? script.slice(range.from, range.to).trim().replace(/;\s*$/, '').trim()
        : '';
      return sql || undefined;
    };
    this.sideBySidePlans = await Promise.all(
      ENGINE_IDS.map(async (engine) => {
        const sql = sqlFor(engine);
        return sql ? this.ws.plans.explainOnly(engine, sql) : undefined;
      }),
    );
  }

  /** Plans of the same statement on both engines, after explainAtCursor. */
  sideBySidePlans = $state.raw<
    (Awaited<ReturnType<Workspace['plans']['explainOnly']>> | undefined)[]
  >([]);

  /** A ported statement for the side where `row` failed, if the catalogue knows one. */
  async portFor(row: AlignedRow, engine: EngineId): Promise<PortSuggestion | undefined> {
    const { suggestPort } = await loadCompareCore();
    const sql = row.sides[engine].sql;
    return sql ? suggestPort(sql, engine) : undefined;
  }

  clear(): void {
    this.rows = [];
    this.explanations = [];
    this.runs = {};
    this.sideBySidePlans = [];
    this.problem = undefined;
    this.failure = undefined;
  }
}
