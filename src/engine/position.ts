// Turns offsets into line/column positions and converts the character positions that
// Postgres reports (counting code points) into JavaScript string offsets (UTF-16 units).

import type { ScriptPosition } from './types';

/** Line and column (1-based) of `offset` in `text`; columns count UTF-16 units. */
export function positionAt(text: string, offset: number): ScriptPosition {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < clamped; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { offset: clamped, line, column: clamped - lineStart + 1 };
}

/**
 * Converts Postgres' 1-based character position within `statement` to a 0-based UTF-16
 * offset: Postgres counts an emoji as one character, JavaScript as two.
 */
export function pgPositionToOffset(statement: string, position: number): number {
  let chars = 1;
  let i = 0;
  while (i < statement.length && chars < position) {
    const c = statement.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    chars++;
  }
  return Math.min(i, statement.length);
}
