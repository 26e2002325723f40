// Finds the statement that created a table or view in a script, so clicking a card in the
// diagram can show it. Reads the statements with the lexer, never with a regex over raw
// text, so names inside strings or comments do not match.
import { tokenize, type Dialect } from '../engine/lexer';
import { splitScript } from '../engine/split';
import type { SourceRange } from '../engine/types';

const SKIP = new Set([
  'or',
  'replace',
  'temp',
  'temporary',
  'unlogged',
  'global',
  'local',
  'materialized',
  'recursive',
  'virtual',
  'foreign',
]);

/** The name a CREATE TABLE/VIEW statement creates, as [schema?, name], or undefined. */
export function createdName(sql: string, dialect: Dialect): string[] | undefined {
  const words: { text: string; quoted: boolean }[] = [];
  let expectDot = false;
  for (const t of tokenize(sql, dialect)) {
    if (t.type === 'space' || t.type === 'comment') continue;
    const raw = sql.slice(t.from, t.to);
    if (t.type === 'operator' && raw === '.') {
      expectDot = true;
      continue;
    }
    if (t.type !== 'word' && t.type !== 'quoted-ident') break;
    const quoted = t.type === 'quoted-ident';
    const text = quoted ? raw.slice(1, -1).replace(/""/g, '"') : raw;
    if (expectDot && words.length > 0) {
      const last = words[words.length - 1]!;
      words[words.length - 1] = {
        text: `${last.text}\u0000${text}`,
        quoted: last.quoted || quoted,
      };
      expectDot = false;
      continue;
    }
    words.push({ text, quoted });
    if (words.length > 12) break;
  }
  if (words[0]?.text.toLowerCase() !== 'create') return undefined;
  let i = 1;
  while (i < words.length && SKIP.has(words[i]!.text.toLowerCase())) i++;
  const kind = words[i]?.text.toLowerCase();
  if (kind !== 'table' && kind !== 'view') return undefined;
  i++;
  if (words[i]?.text.toLowerCase() === 'if') i += 3; // IF NOT EXISTS
  const target = words[i];
  if (!target) return undefined;
  return target.text
    .split('\u0000')
    .map((part) => (target.quoted || dialect === 'sqlite' ? part : part.toLowerCase()));
}

/** Range of the statement that creates `schema.name` in `script`, if any. */
export function findCreateStatement(
  script: string,
  dialect: Dialect,
  schema: string,
  name: string,
): SourceRange | undefined {
  const defaultSchema = dialect === 'postgres' ? 'public' : 'main';
  const same = (a: string, b: string): boolean =>
    dialect === 'sqlite' ? a.toLowerCase() === b.toLowerCase() : a === b;
  for (const seg of splitScript(script, dialect)) {
    if (seg.kind !== 'sql') continue;
    const created = createdName(seg.text, dialect);
    if (!created) continue;
    const [first, second] = created;
    const [s, n] = second === undefined ? [defaultSchema, first ?? ''] : [first ?? '', second];
    if (same(n, name) && same(s, schema)) return { from: seg.from, to: seg.to };
  }
  return undefined;
}
