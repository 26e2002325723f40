// Editor logic without a DOM: completion from the live schema, statement at the cursor and
// diagnostics, on a real EditorState (as CodeMirror's own lang-sql tests do).
import { describe, expect, it } from 'vitest';
import { CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import {
  createEditorState,
  diagnosticsFor,
  statementAtCursor,
  updateSchemaEffect,
} from '../../src/ui/editor/extensions';
import type { StatementResult } from '../../src/engine/types';

function stateWith(doc: string, engine: 'postgres' | 'sqlite' = 'postgres'): EditorState {
  const cursor = doc.indexOf('|');
  const state = createEditorState({
    doc: doc.replace('|', ''),
    engine,
    schema: {},
    label: 'test',
    commands: { runAll: () => {}, runStatement: () => {}, explain: () => {} },
    onChange: () => {},
  });
  return state.update({ selection: { anchor: cursor } }).state;
}

async function complete(state: EditorState): Promise<string[]> {
  const sources = state.languageDataAt<(ctx: CompletionContext) => unknown>(
    'autocomplete',
    state.selection.main.head,
  );
  const labels: string[] = [];
  for (const source of sources) {
    const result = (await source(
      new CompletionContext(state, state.selection.main.head, true),
    )) as CompletionResult | null;
    for (const option of result?.options ?? []) labels.push(option.label);
  }
  return labels;
}

describe('editor', () => {
  it('completes tables and columns of the live schema, updated without reconfiguring', async () => {
    let state = stateWith('select * from cus|');
    expect(await complete(state)).not.toContain('customers');
    state = state.update({
      effects: updateSchemaEffect({ public: { customers: ['id', 'email'], orders: ['id'] } }),
    }).state;
    expect(await complete(state)).toContain('customers');
    const columns = state.update({
      changes: { from: 0, to: state.doc.length, insert: 'select customers. from customers' },
      selection: { anchor: 'select customers.'.length },
    }).state;
    expect(await complete(columns)).toEqual(expect.arrayContaining(['id', 'email']));
  });

  it('finds the statement under the cursor with the engine’s splitter', () => {
    const state = stateWith('select 1;\nselect $$;$$ as x|;\nselect 3;');
    expect(statementAtCursor(state, 'postgres')?.text).toBe('select $$;$$ as x');
  });

  it('puts a diagnostic on the error token, with SQLSTATE and hint', () => {
    const result = {
      status: 'error',
      range: { from: 10, to: 20 },
      error: {
        kind: 'sql',
        message: 'boom',
        code: '42601',
        hint: 'try again',
        range: { from: 12, to: 17 },
      },
    } as unknown as StatementResult;
    const [d] = diagnosticsFor([result], 100);
    expect(d).toMatchObject({ from: 12, to: 17, severity: 'error', source: 'SQLSTATE 42601' });
    expect(d?.message).toBe('boom\nHint: try again');
  });
});
