// A small SQL lexer for both dialects. It only needs to know where tokens start and end
// (strings, quoted identifiers, comments, dollar quotes, meta-commands) so that a script
// can be split into statements and error tokens located. It never rejects input: an
// unterminated string or comment simply runs to the end of the script, as in psql.

export type Dialect = 'postgres' | 'sqlite';

export type TokenType =
  | 'word'
  | 'quoted-ident'
  | 'string'
  | 'dollar-string'
  | 'number'
  | 'param'
  | 'comment'
  | 'meta'
  | 'semicolon'
  | 'open-paren'
  | 'close-paren'
  | 'operator'
  | 'space';

export interface Token {
  type: TokenType;
  from: number;
  to: number;
  /** False when a string, identifier or comment reaches the end of input without closing. */
  closed: boolean;
}

const enum Ch {
  Tab = 9,
  LF = 10,
  CR = 13,
  Space = 32,
  Quote = 39,
  DQuote = 34,
  Dollar = 36,
  LParen = 40,
  RParen = 41,
  Star = 42,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  Semi = 59,
  Backslash = 92,
  LBracket = 91,
  RBracket = 93,
  Backtick = 96,
}

function isSpace(c: number): boolean {
  return c === Ch.Space || c === Ch.Tab || c === Ch.LF || c === Ch.CR || c === 12 || c === 11;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 128;
}

function isIdentPart(c: number, dialect: Dialect): boolean {
  return isIdentStart(c) || isDigit(c) || (c === Ch.Dollar && dialect === 'postgres');
}

/** Splits `text` into tokens. Whitespace is included so that tokens tile the input. */
export function tokenize(text: string, dialect: Dialect): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  // Whether only whitespace has been seen since the last newline: psql and sqlite3
  // meta-commands are recognised at the start of a line.
  let lineStart = true;
  const push = (type: TokenType, from: number, to: number, closed = true): void => {
    tokens.push({ type, from, to, closed });
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    const start = i;

    if (isSpace(c)) {
      while (i < n && isSpace(text.charCodeAt(i))) {
        if (text.charCodeAt(i) === Ch.LF) lineStart = true;
        i++;
      }
      push('space', start, i);
      continue;
    }
    const atLineStart = lineStart;
    lineStart = false;

    // -- line comment
    if (c === Ch.Minus && text.charCodeAt(i + 1) === Ch.Minus) {
      while (i < n && text.charCodeAt(i) !== Ch.LF) i++;
      push('comment', start, i);
      continue;
    }
    // /* block comment */ — nested in Postgres, not in SQLite.
    if (c === Ch.Slash && text.charCodeAt(i + 1) === Ch.Star) {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        const d = text.charCodeAt(i);
        if (d === Ch.Star && text.charCodeAt(i + 1) === Ch.Slash) {
          depth--;
          i += 2;
        } else if (dialect === 'postgres' && d === Ch.Slash && text.charCodeAt(i + 1) === Ch.Star) {
          depth++;
          i += 2;
        } else i++;
      }
      push('comment', start, i, depth === 0);
      continue;
    }
    // psql meta-command (\c, \set …) anywhere outside quotes; sqlite3 dot-command at line start.
    if (
      (dialect === 'postgres' && c === Ch.Backslash) ||
      (dialect === 'sqlite' && c === Ch.Dot && atLineStart && isIdentStart(text.charCodeAt(i + 1)))
    ) {
      while (i < n && text.charCodeAt(i) !== Ch.LF) i++;
      let end = i;
      if (end > start && text.charCodeAt(end - 1) === Ch.CR) end--;
      push('meta', start, end);
      continue;
    }
    if (c === Ch.Quote) {
      i = readQuoted(text, i, Ch.Quote, false);
      push('string', start, i, i <= n && text.charCodeAt(i - 1) === Ch.Quote && i - start > 1);
      continue;
    }
    if (c === Ch.DQuote) {
      i = readQuoted(text, i, Ch.DQuote, false);
      push('quoted-ident', start, i, i - start > 1 && text.charCodeAt(i - 1) === Ch.DQuote);
      continue;
    }
    if (dialect === 'sqlite' && (c === Ch.LBracket || c === Ch.Backtick)) {
      const close = c === Ch.LBracket ? Ch.RBracket : Ch.Backtick;
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        i++;
        if (d === close) {
          if (close === Ch.Backtick && text.charCodeAt(i) === Ch.Backtick) {
            i++;
            continue;
          }
          break;
        }
      }
      push('quoted-ident', start, i, text.charCodeAt(i - 1) === close && i - start > 1);
      continue;
    }
    if (c === Ch.Dollar && dialect === 'postgres') {
      const tagEnd = dollarTagEnd(text, i);
      if (tagEnd > 0) {
        const tag = text.slice(i, tagEnd);
        const close = text.indexOf(tag, tagEnd);
        i = close < 0 ? n : close + tag.length;
        push('dollar-string', start, i, close >= 0);
        continue;
      }
      if (isDigit(text.charCodeAt(i + 1))) {
        i++;
        while (i < n && isDigit(text.charCodeAt(i))) i++;
        push('param', start, i);
        continue;
      }
    }
    if (isIdentStart(c)) {
      // String prefixes: E'..' (backslash escapes), B'..', X'..', N'..', U&'..' and U&"..".
      const next = text.charCodeAt(i + 1);
      const lower = c | 0x20;
      if (
        next === Ch.Quote &&
        (lower === 101 /* e */ || lower === 98 || lower === 120 || lower === 110)
      ) {
        const backslashes = dialect === 'postgres' && lower === 101;
        i = readQuoted(text, i + 1, Ch.Quote, backslashes);
        push('string', start, i, text.charCodeAt(i - 1) === Ch.Quote && i - start > 2);
        continue;
      }
      if (
        dialect === 'postgres' &&
        lower === 117 /* u */ &&
        next === 38 /* & */ &&
        (text.charCodeAt(i + 2) === Ch.Quote || text.charCodeAt(i + 2) === Ch.DQuote)
      ) {
        const q = text.charCodeAt(i + 2);
        i = readQuoted(text, i + 2, q, false);
        push(q === Ch.Quote ? 'string' : 'quoted-ident', start, i, text.charCodeAt(i - 1) === q);
        continue;
      }
      i++;
      while (i < n && isIdentPart(text.charCodeAt(i), dialect)) i++;
      push('word', start, i);
      continue;
    }
    if (isDigit(c) || (c === Ch.Dot && isDigit(text.charCodeAt(i + 1)))) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (isDigit(d) || d === Ch.Dot || d === 95 || isIdentStart(d)) i++;
        else if ((d === 43 || d === Ch.Minus) && (text.charCodeAt(i - 1) | 0x20) === 101) i++;
        else break;
      }
      push('number', start, i);
      continue;
    }
    if (c === Ch.Semi) {
      push('semicolon', start, ++i);
      continue;
    }
    if (c === Ch.LParen) {
      push('open-paren', start, ++i);
      continue;
    }
    if (c === Ch.RParen) {
      push('close-paren', start, ++i);
      continue;
    }
    if (dialect === 'sqlite' && (c === 63 /* ? */ || c === 58 || c === 64 || c === Ch.Dollar)) {
      i++;
      while (i < n && isIdentPart(text.charCodeAt(i), 'postgres')) i++;
      push('param', start, i);
      continue;
    }
    // Anything else is one operator character; multi-character operators do not matter here.
    push('operator', start, ++i);
  }
  return tokens;
}

/** Reads a quoted run starting at the opening quote; doubled quotes stay inside. */
function readQuoted(text: string, openAt: number, quote: number, backslashes: boolean): number {
  const n = text.length;
  let i = openAt + 1;
  while (i < n) {
    const d = text.charCodeAt(i);
    if (backslashes && d === Ch.Backslash) {
      i += 2;
      continue;
    }
    i++;
    if (d === quote) {
      if (text.charCodeAt(i) === quote) {
        i++;
        continue;
      }
      return i;
    }
  }
  return n;
}

/**
 * Returns the end of a dollar-quote tag (`$$`, `$body$`) starting at `i`, or -1.
 * `$1` is a parameter and `a$b` an identifier, so a tag cannot start with a digit and the
 * caller only asks at a token boundary.
 */
function dollarTagEnd(text: string, i: number): number {
  let j = i + 1;
  const first = text.charCodeAt(j);
  if (first === Ch.Dollar) return j + 1;
  if (!isIdentStart(first)) return -1;
  while (j < text.length) {
    const d = text.charCodeAt(j);
    if (d === Ch.Dollar) return j + 1;
    if (!isIdentStart(d) && !isDigit(d)) return -1;
    j++;
  }
  return -1;
}

/** True for tokens that carry no meaning for the statement (whitespace and comments). */
export function isTrivia(t: Token): boolean {
  return t.type === 'space' || t.type === 'comment';
}
