// SQLite (as built into sql.js) reports no error offset, only a message such as
// `near "selec": syntax error` or `no such table: users`. This finds the token the message
// is about, asking SQLite itself which occurrence it meant when the token appears twice.

import { tokenize, type Token } from './lexer';

/** Compiles `sql` without running it and returns SQLite's error message, if any. */
export type PrepareError = (sql: string) => string | undefined;

const NAMED_OBJECT =
  /^(?:no such (?:table|column|function|index|view|trigger|collation|module)|ambiguous column name|(?:table|index|view|trigger) (\S+) already exists|unknown database|no such savepoint)(?::\s*(.+))?/i;

/** Offset in `statement` of the token an SQLite error message names, or undefined. */
export function locateSqliteError(
  message: string,
  statement: string,
  prepareError: PrepareError,
): number | undefined {
  const tokens = tokenize(statement, 'sqlite').filter(
    (t) => t.type !== 'space' && t.type !== 'comment',
  );
  const near = /near "([\s\S]*)": syntax error/.exec(message);
  if (near) return locateNear(near[1] ?? '', message, statement, tokens, prepareError);
  if (/incomplete input/.test(message)) return statement.length;
  const named = NAMED_OBJECT.exec(message);
  const name = named?.[2] ?? named?.[1];
  if (name) {
    // `t.col` or `main.t`: the last part is what the user typed as one token.
    const last = name.split('.').pop() ?? name;
    const found = tokens.find(
      (t) => identifierText(statement, t).toLowerCase() === last.toLowerCase(),
    );
    return found?.from;
  }
  return undefined;
}

function identifierText(statement: string, t: Token): string {
  const raw = statement.slice(t.from, t.to);
  if (t.type === 'quoted-ident' || t.type === 'string') return raw.slice(1, -1);
  return raw;
}

/**
 * SQLite names the first token it could not parse. When that text occurs more than once,
 * the right occurrence is the first one where the prefix up to and including it already
 * fails with the same message.
 */
function locateNear(
  text: string,
  message: string,
  statement: string,
  tokens: Token[],
  prepareError: PrepareError,
): number | undefined {
  const candidates = tokens.filter((t) => statement.slice(t.from, t.to) === text);
  if (candidates.length === 0) {
    // SQLite quotes a token that starts the text, e.g. an unterminated string.
    const startsWith = tokens.find((t) => text.length > 0 && statement.startsWith(text, t.from));
    return startsWith?.from;
  }
  if (candidates.length === 1) return candidates[0]?.from;
  for (const c of candidates) {
    if (prepareError(statement.slice(0, c.to)) === message) return c.from;
  }
  return candidates[0]?.from;
}
