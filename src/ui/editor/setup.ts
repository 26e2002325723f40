// The editor's basic setup: CodeMirror's `basicSetup`, except that search (the find panel,
// go to line, select next occurrence, selection-match highlighting) loads only when it is
// first needed: one of its keys, or a selected word (whose other occurrences it highlights).
// It is about 6 KB of gzipped JavaScript that starting the app does not need.

import { Compartment, EditorState, type Extension } from '@codemirror/state';
import {
  EditorView,
  crosshairCursor,
  drawSelection,
  dropCursor,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  rectangularSelection,
  type Command,
} from '@codemirror/view';
import {
  bracketMatching,
  defaultHighlightStyle,
  foldGutter,
  foldKeymap,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
} from '@codemirror/autocomplete';
import { lintKeymap } from '@codemirror/lint';

type SearchModule = typeof import('@codemirror/search');

/** Holds search's extensions once they are loaded; empty before. */
const searchSlot = new Compartment();
let loading: Promise<SearchModule> | undefined;
/** The search module, once loaded: states made after that include it from the start. */
let loaded: SearchModule | undefined;

function searchExtensions(m: SearchModule): Extension {
  return [m.search(), m.highlightSelectionMatches(), keymap.of(m.searchKeymap)];
}

/** Loads search (once) and installs it in `view` if it is not there yet. */
export async function enableSearch(view: EditorView): Promise<SearchModule> {
  loading ??= import('@codemirror/search').then((m) => (loaded = m));
  const m = await loading;
  if (!searchEnabled(view.state)) {
    view.dispatch({ effects: searchSlot.reconfigure(searchExtensions(m)) });
  }
  return m;
}

/** True when the state has search installed. */
export function searchEnabled(state: EditorState): boolean {
  const current = searchSlot.get(state);
  return Array.isArray(current) ? current.length > 0 : current !== undefined;
}

/** A key that loads search first, then runs its command. */
function lazily(pick: (m: SearchModule) => Command): Command {
  return (view) => {
    void enableSearch(view).then((m) => pick(m)(view));
    return true;
  };
}

/** Search's keys, bound before search is loaded (the same keys as CodeMirror's searchKeymap). */
const lazySearchKeymap = keymap.of([
  { key: 'Mod-f', run: lazily((m) => m.openSearchPanel), scope: 'editor search-panel' },
  {
    key: 'F3',
    run: lazily((m) => m.findNext),
    shift: lazily((m) => m.findPrevious),
    scope: 'editor search-panel',
    preventDefault: true,
  },
  {
    key: 'Mod-g',
    run: lazily((m) => m.findNext),
    shift: lazily((m) => m.findPrevious),
    scope: 'editor search-panel',
    preventDefault: true,
  },
  { key: 'Mod-Shift-l', run: lazily((m) => m.selectSelectionMatches) },
  { key: 'Mod-Alt-g', run: lazily((m) => m.gotoLine) },
  { key: 'Mod-d', run: lazily((m) => m.selectNextOccurrence), preventDefault: true },
]);

/**
 * Loads search when a whole word is selected, the only selection whose other occurrences
 * CodeMirror's selection-match highlighting marks; they are marked once it has loaded.
 */
const searchOnWordSelection = EditorView.updateListener.of((update) => {
  if (!update.selectionSet || searchEnabled(update.state)) return;
  const range = update.state.selection.main;
  if (range.empty || range.to - range.from > 200) return;
  const word = update.state.wordAt(range.from);
  if (word && word.from === range.from && word.to === range.to) void enableSearch(update.view);
});

/** CodeMirror's basicSetup, with search loaded on demand (see above). */
export function editorSetup(): Extension {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    history(),
    foldGutter(),
    drawSelection(),
    dropCursor(),
    EditorState.allowMultipleSelections.of(true),
    indentOnInput(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    bracketMatching(),
    closeBrackets(),
    autocompletion(),
    rectangularSelection(),
    crosshairCursor(),
    highlightActiveLine(),
    searchSlot.of(loaded ? searchExtensions(loaded) : []),
    // Once search is loaded its own keymap (in the slot) handles these keys first.
    lazySearchKeymap,
    searchOnWordSelection,
    keymap.of([
      ...closeBracketsKeymap,
      ...defaultKeymap,
      ...historyKeymap,
      ...foldKeymap,
      ...completionKeymap,
      ...lintKeymap,
    ]),
  ];
}
