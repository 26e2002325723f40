// Per-engine variants inside one compare script. Markers are line comments, so the script
// stays valid SQL on both engines:
//
//   -- @postgres
//   create table t (id serial primary key);
//   -- @sqlite
//   create table t (id integer primary key autoincrement);
//   -- @end
//
// Each engine runs the whole script with the other engine's sections blanked out (every
// character but line breaks becomes a space), so offsets and line numbers stay those of
// the editor, and error positions need no mapping.

import { tokenize, isTrivia, type Dialect } from '../engine/lexer';
import { positionAt } from '../engine/position';
import type { EngineId, SourceRange } from '../engine/types';

/** One marked block: a section per engine (either may be left out). */
export interface VariantBlock {
  /** 1-based line of the opening marker. */
  line: number;
  /** From the opening marker to the end of the `-- @end` line. */
  from: number;
  to: number;
  /** The text between an engine's marker and the next marker. */
  sections: Partial<Record<EngineId, SourceRange>>;
}

export interface CompareScripts {
  ok: true;
  /** The script each engine runs; same length and line breaks as the input. */
  scripts: Record<EngineId, string>;
  blocks: VariantBlock[];
}

export interface VariantError {
  ok: false;
  message: string;
  line: number;
  column: number;
  offset: number;
}

type Marker = EngineId | 'end';

const MARKER = /^--\s*@([A-Za-z_]\w*)/;
const KNOWN: Record<string, Marker> = { postgres: 'postgres', sqlite: 'sqlite', end: 'end' };

interface Found {
  marker: Marker;
  from: number;
  /** End of the marker's line, including its line break. */
  lineEnd: number;
  /** True when a statement before the marker has no terminating semicolon. */
  pending: boolean;
}

/** Splits a compare script into the script each engine runs and the variant blocks. */
export function splitVariants(script: string): CompareScripts | VariantError {
  const blocks: VariantBlock[] = [];
  let open: VariantBlock | undefined;
  let section: { engine: EngineId; from: number } | undefined;
  let at = 0;
  let dialect: Dialect = 'postgres';
  for (;;) {
    const found = nextMarker(script, at, dialect);
    if (found === undefined) break;
    if ('message' in found) return found;
    const fail = (message: string): VariantError => failure(script, found.from, message);
    if (found.pending) {
      return fail(
        'A variant marker must come between statements: end the statement above it with a semicolon.',
      );
    }
    if (section && open) open.sections[section.engine] = { from: section.from, to: found.from };
    if (found.marker === 'end') {
      if (!open)
        return fail('-- @end closes nothing: no -- @postgres or -- @sqlite block is open.');
      open.to = found.lineEnd;
      blocks.push(open);
      open = undefined;
      section = undefined;
    } else {
      open ??= {
        line: positionAt(script, found.from).line,
        from: found.from,
        to: found.from,
        sections: {},
      };
      if (open.sections[found.marker]) {
        return fail(
          `This block already has a -- @${found.marker} section (opened on line ${open.line}); close it with -- @end first.`,
        );
      }
      section = { engine: found.marker, from: found.lineEnd };
    }
    at = found.lineEnd;
    dialect = section?.engine ?? 'postgres';
  }
  if (open) {
    const first = Object.keys(open.sections)[0] ?? section?.engine ?? 'postgres';
    return failure(
      script,
      open.from,
      `The -- @${first} block opened on line ${open.line} is not closed: add -- @end after it.`,
    );
  }
  return {
    ok: true,
    scripts: {
      postgres: blankOthers(script, blocks, 'postgres'),
      sqlite: blankOthers(script, blocks, 'sqlite'),
    },
    blocks,
  };
}

/** Finds the next marker comment from `at`, lexing with the dialect of the current section. */
function nextMarker(
  script: string,
  at: number,
  dialect: Dialect,
): Found | VariantError | undefined {
  const rest = script.slice(at);
  let pending = false;
  let lineHasCode = false;
  for (const t of tokenize(rest, dialect)) {
    const text = rest.slice(t.from, t.to);
    if (t.type === 'space') {
      if (text.includes('\n')) lineHasCode = false;
      continue;
    }
    const m = t.type === 'comment' ? MARKER.exec(text) : null;
    if (!m) {
      if (!isTrivia(t)) {
        lineHasCode = true;
        pending = t.type !== 'semicolon' && t.type !== 'meta';
      }
      continue;
    }
    const from = at + t.from;
    const marker = KNOWN[(m[1] ?? '').toLowerCase()];
    if (!marker) {
      return failure(
        script,
        from,
        `Unknown marker @${m[1]}: use -- @postgres, -- @sqlite or -- @end.`,
      );
    }
    if (lineHasCode) return failure(script, from, `-- @${marker} must be on a line of its own.`);
    const nl = script.indexOf('\n', at + t.to);
    return { marker, from, lineEnd: nl < 0 ? script.length : nl + 1, pending };
  }
  return undefined;
}

function failure(script: string, offset: number, message: string): VariantError {
  const { line, column } = positionAt(script, offset);
  return { ok: false, message: `Line ${line}: ${message}`, line, column, offset };
}

/** The script with the sections of every other engine replaced by spaces. */
function blankOthers(script: string, blocks: VariantBlock[], engine: EngineId): string {
  let out = script;
  for (const block of blocks) {
    for (const [other, range] of Object.entries(block.sections)) {
      if (other === engine || !range) continue;
      const blank = out.slice(range.from, range.to).replace(/[^\r\n]/g, ' ');
      out = out.slice(0, range.from) + blank + out.slice(range.to);
    }
  }
  return out;
}

/**
 * Where a statement of `engine` starting at `offset` belongs: the block and section it sits
 * in, or undefined for shared statements.
 */
export function sectionAt(
  blocks: readonly VariantBlock[],
  engine: EngineId,
  offset: number,
): { block: number; range: SourceRange } | undefined {
  for (const [i, block] of blocks.entries()) {
    const range = block.sections[engine];
    if (range && offset >= range.from && offset < range.to) return { block: i, range };
  }
  return undefined;
}
