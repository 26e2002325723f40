// Tells apart the kinds of plan text people paste: Postgres JSON, Postgres TEXT, or the
// sqlite3 shell's EXPLAIN QUERY PLAN tree, after client framing has been removed.

import { unframe, type SourceLine } from './framing';
import { looksLikeSqliteEqp } from './sqlite-text';

export type DetectedFormat = 'json' | 'text' | 'sqlite-eqp' | 'empty';

/** What kind of plan the pasted text holds, and its lines without client framing. */
export function detectFormat(input: string): { format: DetectedFormat; lines: SourceLine[] } {
  const lines = unframe(input);
  const first = lines.find((l) => l.text.trim() !== '');
  if (!first) return { format: 'empty', lines };
  const start = first.text.trimStart();
  if (start.startsWith('[') || start.startsWith('{')) return { format: 'json', lines };
  if (looksLikeSqliteEqp(lines)) return { format: 'sqlite-eqp', lines };
  return { format: 'text', lines };
}
