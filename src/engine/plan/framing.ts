// Strips what clients wrap around EXPLAIN output before it reaches us: psql's header,
// separator, `(N rows)` footer, borders and `+` continuation marks, psql's expanded
// `-[ RECORD 1 ]` form, pgAdmin's double-quoted rows, Windows line endings and padding.
// What is left keeps the original line numbers so errors can point at the pasted text.

/** One line of the pasted text, with its 1-based line number in the original. */
export interface SourceLine {
  readonly text: string;
  readonly line: number;
  /** The line ended in whitespace before padding was trimmed: a terminal may have wrapped
   *  it at a space, so joining it to the next line needs a space back. */
  readonly trailingSpace: boolean;
}

// Characters psql draws tables with (ascii, old-ascii and unicode line styles).
const RULE_LINE = /^[\s\-+=|─━═│┃║┌┐└┘├┤┬┴┼╔╗╚╝╠╣╦╩╬╒╕╘╛╞╡╤╧╪]+$/;
const ROW_COUNT = /^\s*\(\d+ rows?\)\s*$/;
const RECORD_HEADER = /^\s*-\[ RECORD \d+ \][-+─┼]*\s*$/;
const EXPANDED_CELL = /^\s*QUERY PLAN\s*[|│]\s?(.*)$/;
const BORDERED = /^\s*[|│║](.*?)[|│║]\s*$/;
const QUOTED_ROW = /^\s*"(.*)"\s*,?\s*$/;

/** Splits pasted EXPLAIN output into plan lines, removing client framing. */
export function unframe(input: string): SourceLine[] {
  const physical = input
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((text, i) => ({ text, line: i + 1, trailingSpace: false }));
  let lines = unquote(physical);
  lines = dropBeforeHeader(lines);
  lines = lines
    .filter((l) => !RECORD_HEADER.test(l.text) && !ROW_COUNT.test(l.text))
    .map((l) => ({ ...l, text: EXPANDED_CELL.exec(l.text)?.[1] ?? l.text }));
  lines = stripBorders(lines);
  lines = lines
    .filter((l) => !isHeaderOrRule(l.text))
    .map((l) => {
      const text = l.text.replace(/\s*(?:\+|↵)$/, '');
      return { ...l, text: text.trimEnd(), trailingSpace: /\S\s$/.test(text) };
    });
  return trimBlank(lines);
}

// pgAdmin copies each row as a quoted CSV cell; a multi-line cell (a JSON plan) is quoted
// once around the whole text. Inner quotes are doubled in both forms.
function unquote(lines: SourceLine[]): SourceLine[] {
  const content = lines.filter((l) => l.text.trim() !== '');
  if (content.length === 0) return lines;
  if (content.every((l) => QUOTED_ROW.test(l.text))) {
    return lines.map((l) => {
      const inner = QUOTED_ROW.exec(l.text)?.[1];
      return inner === undefined ? l : { ...l, text: inner.replace(/""/g, '"') };
    });
  }
  const first = content[0];
  const last = content[content.length - 1];
  if (
    content.length > 1 &&
    first?.text.trimStart().startsWith('"') &&
    last?.text.trimEnd().endsWith('"') &&
    lines.some((l) => l.text.includes('""'))
  ) {
    return lines.map((l) => {
      let text = l.text;
      if (l === first) text = text.replace(/^\s*"/, '');
      if (l === last) text = text.replace(/"\s*$/, '');
      return { ...l, text: text.replace(/""/g, '"') };
    });
  }
  return lines;
}

// People often paste the psql prompt and the statement too; the plan starts after the
// `QUERY PLAN` header when there is one.
function dropBeforeHeader(lines: SourceLine[]): SourceLine[] {
  const header = lines.findIndex((l) => isQueryPlanHeader(l.text));
  return header > 0 ? lines.slice(header) : lines;
}

function isQueryPlanHeader(text: string): boolean {
  return /^[\s|│║]*"?QUERY PLAN"?[\s|│║]*$/.test(text);
}

function isHeaderOrRule(text: string): boolean {
  return isQueryPlanHeader(text) || (text.trim() !== '' && RULE_LINE.test(text));
}

// `\pset border 2` draws `| … |` around every row. Only strip when every content row has
// borders, so that SQLite's `|--SCAN` tree lines are left alone.
function stripBorders(lines: SourceLine[]): SourceLine[] {
  const content = lines.filter((l) => l.text.trim() !== '' && !isHeaderOrRule(l.text));
  if (content.length === 0 || !content.every((l) => BORDERED.test(l.text))) return lines;
  return lines.map((l) => {
    if (isHeaderOrRule(l.text)) return l;
    const inner = BORDERED.exec(l.text)?.[1];
    return inner === undefined ? l : { ...l, text: inner };
  });
}

function trimBlank(lines: SourceLine[]): SourceLine[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]?.text.trim() === '') start++;
  while (end > start && lines[end - 1]?.text.trim() === '') end--;
  return lines.slice(start, end);
}
