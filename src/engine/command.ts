// Reads the leading keywords of a statement with the lexer (so comments and quoting are
// handled) to name what a statement does, e.g. `CREATE TABLE`.

import { tokenize, type Dialect } from './lexer';

/** Words that name the kind of object after CREATE/ALTER/DROP. */
const OBJECT_WORDS = new Set([
  'table',
  'view',
  'index',
  'function',
  'procedure',
  'trigger',
  'type',
  'schema',
  'sequence',
  'extension',
  'domain',
  'policy',
  'role',
  'rule',
  'materialized',
  'aggregate',
  'operator',
  'publication',
  'statistics',
  'database',
]);

/** Leading keywords of a statement, lower case, skipping comments. */
export function leadingWords(text: string, count: number, dialect: Dialect): string[] {
  const words: string[] = [];
  for (const t of tokenize(text, dialect)) {
    if (t.type === 'space' || t.type === 'comment') continue;
    if (t.type === 'quoted-ident') words.push(text.slice(t.from + 1, t.to - 1));
    else if (t.type === 'word') words.push(text.slice(t.from, t.to).toLowerCase());
    else break;
    if (words.length >= count) break;
  }
  return words;
}

/** `CREATE` + `TABLE` → `CREATE TABLE`, so headings say what was created. */
export function commandTag(command: string, words: string[]): string {
  const upper = command.toUpperCase();
  if (upper !== 'CREATE' && upper !== 'ALTER' && upper !== 'DROP') return upper;
  const object = words.slice(1).find((w) => OBJECT_WORDS.has(w));
  if (!object) return upper;
  return `${upper} ${object === 'materialized' ? 'MATERIALIZED VIEW' : object.toUpperCase()}`;
}
