// Splits a script into statements with exact source ranges, the way psql and the sqlite3
// shell do: semicolons inside strings, quoted identifiers, comments, dollar quotes,
// parentheses, `BEGIN ATOMIC … END` function bodies (Postgres) and `CREATE TRIGGER … BEGIN
// … END` bodies (SQLite) do not end a statement. Meta-commands (`\c`, `\set`, `.mode`) become
// their own segments, and `COPY … FROM stdin` keeps its data block.

import { tokenize, isTrivia, type Dialect, type Token } from './lexer';
import type { SourceRange } from './types';

export type { Dialect } from './lexer';

export interface Segment {
  kind: 'sql' | 'meta';
  /** From the first token to the end of the last token, without the terminating `;`. */
  from: number;
  to: number;
  /** End of the terminator (`;`) when there is one, else `to`. */
  end: number;
  text: string;
  /** Inline data that follows `COPY … FROM stdin;`, up to the `\.` line. */
  copyData?: { from: number; to: number; text: string };
}

interface Builder {
  first: Token | undefined;
  last: Token | undefined;
  words: string[];
  parenDepth: number;
  blockDepth: number;
  sawBodyBegin: boolean;
}

function newBuilder(): Builder {
  return {
    first: undefined,
    last: undefined,
    words: [],
    parenDepth: 0,
    blockDepth: 0,
    sawBodyBegin: false,
  };
}

/** True when the statement so far opens a body in which `;` does not end the statement. */
function opensBody(b: Builder, dialect: Dialect): boolean {
  const w = b.words;
  if (w[0] !== 'create') return false;
  let k = 1;
  if (w[k] === 'or' && w[k + 1] === 'replace') k += 2;
  if (dialect === 'sqlite') {
    if (w[k] === 'temp' || w[k] === 'temporary') k++;
    return w[k] === 'trigger';
  }
  return w[k] === 'function' || w[k] === 'procedure';
}

const COPY_FROM_STDIN = /^copy\b[\s\S]*\bfrom\s+stdin\b/i;

/** Splits `script` into statements and meta-commands, in order. */
export function splitScript(script: string, dialect: Dialect): Segment[] {
  const tokens = tokenize(script, dialect);
  const segments: Segment[] = [];
  let b = newBuilder();

  const flush = (terminatorEnd?: number): Segment | undefined => {
    if (!b.first || !b.last) {
      b = newBuilder();
      return undefined;
    }
    const seg: Segment = {
      kind: 'sql',
      from: b.first.from,
      to: b.last.to,
      end: terminatorEnd ?? b.last.to,
      text: script.slice(b.first.from, b.last.to),
    };
    segments.push(seg);
    b = newBuilder();
    return seg;
  };

  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t] as Token;
    if (isTrivia(tok)) continue;
    if (tok.type === 'meta') {
      flush();
      const text = script.slice(tok.from, tok.to);
      segments.push({ kind: 'meta', from: tok.from, to: tok.to, end: tok.to, text });
      continue;
    }
    if (tok.type === 'semicolon' && b.parenDepth <= 0 && b.blockDepth <= 0) {
      const seg = flush(tok.to);
      if (seg && dialect === 'postgres' && COPY_FROM_STDIN.test(seg.text)) {
        t = attachCopyData(script, tokens, t, seg);
      }
      continue;
    }
    if (!b.first) b.first = tok;
    b.last = tok;
    if (tok.type === 'open-paren') b.parenDepth++;
    else if (tok.type === 'close-paren') b.parenDepth--;
    else if (tok.type === 'word') {
      const word = script.slice(tok.from, tok.to).toLowerCase();
      if (b.words.length < 8) b.words.push(word);
      trackBlocks(b, word, dialect);
    }
  }
  flush();
  return segments;
}

/** Keeps count of BEGIN/CASE … END nesting inside function and trigger bodies. */
function trackBlocks(b: Builder, word: string, dialect: Dialect): void {
  if (word === 'begin') {
    if (b.blockDepth > 0 || opensBody(b, dialect)) {
      // In Postgres only `BEGIN ATOMIC` opens an SQL-standard body; a plain BEGIN inside a
      // dollar-quoted body is invisible here anyway, being inside a string.
      b.blockDepth++;
      b.sawBodyBegin = true;
    }
  } else if (word === 'case') {
    if (b.blockDepth > 0) b.blockDepth++;
  } else if (word === 'end') {
    if (b.blockDepth > 0) b.blockDepth--;
  }
}

/**
 * Attaches the data lines after `COPY … FROM stdin;` (up to a line holding only `\.`) to the
 * segment and returns the index of the last token they cover.
 */
function attachCopyData(
  script: string,
  tokens: Token[],
  semicolonAt: number,
  seg: Segment,
): number {
  const semi = tokens[semicolonAt] as Token;
  const lineEnd = script.indexOf('\n', semi.to);
  if (lineEnd < 0) return semicolonAt;
  const dataFrom = lineEnd + 1;
  const terminator = /^\\\.\r?$/m;
  terminator.lastIndex = 0;
  const rest = script.slice(dataFrom);
  const m = terminator.exec(rest);
  const dataTo = m ? dataFrom + m.index : script.length;
  const blockEnd = m ? dataFrom + m.index + m[0].length : script.length;
  seg.copyData = { from: dataFrom, to: dataTo, text: script.slice(dataFrom, dataTo) };
  seg.end = blockEnd;
  let t = semicolonAt;
  while (t + 1 < tokens.length && (tokens[t + 1] as Token).from < blockEnd) t++;
  return t;
}

/** The statement that the cursor at `offset` belongs to: the last one starting before it. */
export function segmentAt(segments: readonly Segment[], offset: number): Segment | undefined {
  let found: Segment | undefined;
  for (const s of segments) {
    if (s.from <= offset) found = s;
    else break;
  }
  // A cursor before the first statement (in a leading comment) means the first statement.
  return found ?? segments[0];
}

/** Segments that overlap `range` (a selection): whole statements, never cut in half. */
export function segmentsIn(segments: readonly Segment[], range: SourceRange): Segment[] {
  return segments.filter((s) => s.end > range.from && s.from < range.to);
}

/** The first non-empty line of a statement, shortened for headings. */
export function firstLine(text: string, max = 80): string {
  const line =
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? '';
  return line.length > max ? line.slice(0, max - 1) + '…' : line;
}
