// The text that "Try the demo" appends to the compare script: a catalogue entry's demo,
// as one shared script or as a variant block when each engine needs its own.

import type { CatalogueEntry } from '../../compare';
import { isTrivia, tokenize } from '../../engine/lexer';

/**
 * Whether the script ends inside a statement (no `;` after its last token), so that
 * appended statements would run on as part of it.
 */
export function endsOpen(script: string): boolean {
  const tokens = tokenize(script, 'postgres');
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i];
    if (!t || isTrivia(t)) continue;
    return t.type !== 'semicolon' && t.type !== 'meta';
  }
  return false;
}

/** The demo of `entry`, ready to append to `script` (separated from what is there). */
export function demoText(entry: CatalogueEntry, script: string): string {
  const body =
    typeof entry.demo === 'string'
      ? entry.demo
      : `-- @postgres\n${entry.demo.postgres}\n-- @sqlite\n${entry.demo.sqlite}\n-- @end`;
  let lead = '';
  if (script.length > 0 && !script.endsWith('\n')) lead += '\n';
  if (endsOpen(script)) lead += ';\n';
  if (script.trim()) lead += '\n';
  return `${lead}-- Demo from the differences catalogue: ${oneLine(entry.title)}\n${body.trimEnd()}\n`;
}

/** A title may not break the comment line it is written on. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}
