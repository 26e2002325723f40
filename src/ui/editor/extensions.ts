// CodeMirror configuration for the SQL editor, kept free of Svelte so that completion,
// diagnostics and statement-at-cursor can be tested on an EditorState without a DOM.

import {
  EditorState,
  Facet,
  Prec,
  StateEffect,
  StateField,
  type Extension,
} from '@codemirror/state';
import {
  Decoration,
  EditorView,
  keymap,
  type DecorationSet,
  type KeyBinding,
} from '@codemirror/view';
import { editorSetup } from './setup';
import {
  PostgreSQL,
  SQLite,
  schemaCompletionSource,
  sql,
  type SQLNamespace,
} from '@codemirror/lang-sql';
import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { linter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';
import type { EngineId, StatementResult } from '../../engine/types';
import { segmentAt, splitScript, type Segment } from '../../engine/split';

/** Table name → column names (or schema → table → columns), as lang-sql expects. */
export type CompletionSchema = SQLNamespace;

/** The lang-sql support for an engine: highlighting and keyword completion. */
export function sqlLanguage(engine: EngineId): Extension {
  return sql({ dialect: engine === 'postgres' ? PostgreSQL : SQLite, upperCaseKeywords: false });
}

/**
 * The live database's tables and columns live in a state field, not in the language's
 * configuration: replacing them after every run must not make CodeMirror parse and
 * highlight the whole script again (a 400-table script took ~100 ms each time).
 */
const setSchema = StateEffect.define<CompletionSchema>();
const schemaField = StateField.define<CompletionSchema>({
  create: () => ({}),
  update: (value, tr) => {
    for (const e of tr.effects) if (e.is(setSchema)) return e.value;
    return value;
  },
});

/** Completion of table and column names from the schema field. */
function schemaCompletion(engine: EngineId): Extension {
  let cache:
    | {
        schema: CompletionSchema;
        source: (
          ctx: CompletionContext,
        ) => CompletionResult | null | Promise<CompletionResult | null>;
      }
    | undefined;
  const dialect = engine === 'postgres' ? PostgreSQL : SQLite;
  const complete = (ctx: CompletionContext) => {
    const schema = ctx.state.field(schemaField);
    if (cache?.schema !== schema) {
      cache = {
        schema,
        source: schemaCompletionSource({
          dialect,
          schema,
          ...(engine === 'postgres' ? { defaultSchema: 'public' } : {}),
        }),
      };
    }
    return cache.source(ctx);
  };
  return [schemaField, EditorState.languageData.of(() => [{ autocomplete: complete }])];
}

export interface EditorCommands {
  runStatement: () => void;
  runAll: () => void;
  explain: () => void;
}

/** Ctrl/Cmd+Enter runs the statement (or selection); Shift adds "all"; Alt+Enter explains. */
export function runKeymap(commands: EditorCommands): Extension {
  const bindings: KeyBinding[] = [
    { key: 'Mod-Enter', run: () => (commands.runStatement(), true), preventDefault: true },
    { key: 'Shift-Mod-Enter', run: () => (commands.runAll(), true), preventDefault: true },
    { key: 'Alt-Enter', run: () => (commands.explain(), true), preventDefault: true },
  ];
  return Prec.highest(keymap.of(bindings));
}

const highlight = HighlightStyle.define([
  { tag: t.keyword, color: 'var(--syntax-keyword)', fontWeight: '600' },
  { tag: [t.string, t.special(t.string)], color: 'var(--syntax-string)' },
  { tag: [t.number, t.bool, t.null], color: 'var(--syntax-number)' },
  { tag: [t.lineComment, t.blockComment], color: 'var(--syntax-comment)', fontStyle: 'italic' },
  { tag: [t.typeName, t.standard(t.name)], color: 'var(--syntax-type)' },
  { tag: [t.operator, t.punctuation], color: 'var(--syntax-operator)' },
  { tag: t.special(t.name), color: 'var(--syntax-ident)' },
]);

const theme = EditorView.theme({
  '&': {
    height: '100%',
    fontSize: '14px',
    backgroundColor: 'var(--editor-bg)',
    color: 'var(--fg)',
  },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.55' },
  '.cm-gutters': {
    backgroundColor: 'var(--editor-gutter)',
    color: 'var(--muted)',
    borderRight: '1px solid var(--border)',
  },
  '.cm-activeLine': { backgroundColor: 'var(--editor-active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--editor-active-line)' },
  '&.cm-focused .cm-cursor': { borderLeftColor: 'var(--fg)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'var(--selection) !important',
  },
  '.cm-current-statement': { backgroundColor: 'var(--current-statement)' },
  '.cm-tooltip': {
    backgroundColor: 'var(--panel)',
    color: 'var(--fg)',
    border: '1px solid var(--border)',
  },
  '.cm-tooltip-autocomplete ul li[aria-selected]': {
    backgroundColor: 'var(--accent)',
    color: 'white',
  },
  '.cm-panels': { backgroundColor: 'var(--panel)', color: 'var(--fg)' },
});

/** Marks the statement under the cursor so that Ctrl+Enter's target is visible. */
const currentStatement = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    if (!tr.docChanged && !tr.selection) return deco.map(tr.changes);
    // Splitting is linear in the script: skip the highlight for very large scripts.
    if (tr.state.doc.length > 300_000) return Decoration.none;
    const engine = tr.state.facet(engineFacet);
    const seg = statementAtCursor(tr.state, engine);
    if (!seg || !tr.state.selection.main.empty) return Decoration.none;
    const lines: ReturnType<Decoration['range']>[] = [];
    const first = tr.state.doc.lineAt(seg.from).number;
    const last = tr.state.doc.lineAt(seg.to).number;
    for (let n = first; n <= last && n - first < 500; n++) {
      lines.push(lineDeco.range(tr.state.doc.line(n).from));
    }
    return Decoration.set(lines);
  },
  provide: (f) => EditorView.decorations.from(f),
});

const lineDeco = Decoration.line({ class: 'cm-current-statement' });

/** Which engine's dialect the editor state is for. */
export const engineFacet = Facet.define<EngineId, EngineId>({
  combine: (values) => values[values.length - 1] ?? 'postgres',
});

/** The statement that Ctrl+Enter would run, from the splitter. */
export function statementAtCursor(state: EditorState, engine: EngineId): Segment | undefined {
  const segments = splitScript(state.doc.toString(), engine);
  return segmentAt(segments, state.selection.main.head);
}

/** A new editor state for one engine's script. */
export function createEditorState(options: {
  doc: string;
  engine: EngineId;
  schema: CompletionSchema;
  commands: EditorCommands;
  onChange: () => void;
  label: string;
}): EditorState {
  return EditorState.create({
    doc: options.doc,
    extensions: [
      runKeymap(options.commands),
      editorSetup(),
      engineFacet.of(options.engine),
      sqlLanguage(options.engine),
      schemaCompletion(options.engine),
      schemaField.init(() => options.schema),
      syntaxHighlighting(highlight),
      theme,
      currentStatement,
      // Diagnostics come from runs, not from a linter. Installed up front, so the first run's
      // diagnostics do not reconfigure the editor and restyle the page (about 15 ms).
      linter(null),
      EditorView.contentAttributes.of({ 'aria-label': options.label }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) options.onChange();
      }),
    ],
  });
}

/** Effect that swaps in completion for a new set of tables and columns. */
export function updateSchemaEffect(schema: CompletionSchema): StateEffect<unknown> {
  return setSchema.of(schema);
}

/** Editor diagnostics for the errors of a run, at their exact positions. */
export function diagnosticsFor(
  results: readonly StatementResult[],
  docLength: number,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const r of results) {
    const e = r.error;
    if (!e || r.status !== 'error') continue;
    const range = e.range ?? { from: r.range.from, to: r.range.to };
    const from = Math.min(range.from, docLength);
    const to = Math.min(Math.max(range.to, from), docLength);
    const extra = [e.detail, e.hint && `Hint: ${e.hint}`].filter(Boolean).join('\n');
    out.push({
      from,
      to,
      severity: 'error',
      source: e.code ? `SQLSTATE ${e.code}` : undefined,
      message: extra ? `${e.message}\n${extra}` : e.message,
    });
  }
  return out;
}

export { setDiagnostics };
