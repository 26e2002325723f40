// Splits SQLite SQL into words, quoted names, literals and punctuation, dropping comments.

export interface Token {
  readonly kind: 'word' | 'ident' | 'string' | 'number' | 'param' | 'op' | 'subquery';
  /** The text, unquoted for quoted identifiers. */
  readonly text: string;
  /** Upper-cased text, for keyword checks. */
  readonly upper: string;
}

const PATTERNS: readonly [Token['kind'] | 'skip', RegExp][] = [
  ['skip', /^(?:\s+|--[^\n]*|\/\*[\s\S]*?(?:\*\/|$))/],
  ['string', /^'(?:[^']|'')*'?/],
  ['ident', /^(?:"(?:[^"]|"")*"?|`(?:[^`]|``)*`?|\[[^\]]*\]?)/],
  ['number', /^(?:0x[0-9a-f]+|\d+(?:\.\d*)?(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?)/i],
  ['param', /^(?:\?\d*|[:@$][A-Za-z_][\w]*)/],
  ['word', /^[A-Za-z_][\w$]*/],
  ['op', /^(?:<=|>=|<>|!=|==|\|\||<<|>>|[-+*/%<>=~&|(),.;])/],
];

/** Tokens of `sql`; characters no pattern knows become one-character `op` tokens. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let rest = sql;
  while (rest.length > 0) {
    let matched = false;
    for (const [kind, pattern] of PATTERNS) {
      const m = pattern.exec(rest);
      if (!m?.[0]) continue;
      matched = true;
      rest = rest.slice(m[0].length);
      if (kind !== 'skip') {
        const text = kind === 'ident' ? unquoteIdent(m[0]) : m[0];
        tokens.push({ kind, text, upper: text.toUpperCase() });
      }
      break;
    }
    if (!matched) {
      tokens.push({ kind: 'op', text: rest.charAt(0), upper: rest.charAt(0) });
      rest = rest.slice(1);
    }
  }
  return tokens;
}

function unquoteIdent(text: string): string {
  const open = text.charAt(0);
  const close = open === '[' ? ']' : open;
  const body = text.endsWith(close) && text.length > 1 ? text.slice(1, -1) : text.slice(1);
  return open === '[' ? body : body.split(open + open).join(open);
}
