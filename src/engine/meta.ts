// Explanations for things a pasted real-world script contains that are not SQL for the
// engine: psql meta-commands, sqlite3 dot-commands, and CREATE/DROP DATABASE. They are
// skipped with a notice instead of failing the run.

import type { Dialect } from './lexer';

interface MetaRule {
  /** Command names, without the leading `\` or `.`. */
  names: string[];
  explain: (arg: string) => string;
}

const PSQL_RULES: MetaRule[] = [
  {
    names: ['c', 'connect'],
    explain: (arg) =>
      `psql would connect to ${arg ? `database "${arg.split(/\s+/)[0]}"` : 'another database'} here. ` +
      'PGlite has a single database, "postgres", so the statements that follow run there.',
  },
  {
    names: ['i', 'include', 'ir', 'include_relative'],
    explain: (arg) =>
      `psql would read the file ${arg || '(none given)'} from disk. A browser playground cannot ` +
      'read your files: paste that file’s statements into the script instead.',
  },
  {
    names: ['set', 'unset', 'pset', 'timing', 'echo', 'qecho', 'pset', 'x', 'a', 't', 'encoding'],
    explain: () =>
      'This changes settings or output of the psql client, not the database; the playground ' +
      'shows results its own way.',
  },
  {
    names: ['d', 'dt', 'dv', 'di', 'ds', 'df', 'dn', 'du', 'l', 'list', 'd+', 'dt+'],
    explain: () =>
      'psql describes objects with this command. Use the Diagram view, or query the catalog ' +
      '(e.g. information_schema.tables) in the script.',
  },
  {
    names: ['copy'],
    explain: () =>
      'psql’s \\copy reads or writes files on the client machine. Use COPY … FROM stdin with ' +
      'inline data in the script instead.',
  },
];

const SQLITE_RULES: MetaRule[] = [
  {
    names: ['open', 'read', 'import', 'output', 'once', 'save', 'backup', 'restore'],
    explain: (arg) =>
      `The sqlite3 shell would use the file ${arg || '(none given)'}. A browser playground ` +
      'cannot read or write your files: paste the statements into the script instead.',
  },
  {
    names: ['tables', 'schema', 'indexes', 'indices', 'fullschema', 'dbinfo'],
    explain: () =>
      'The sqlite3 shell lists schema objects with this command. Use the Diagram view, or ' +
      'query sqlite_schema in the script.',
  },
];

/** Explains a meta-command (`\c db`, `.mode column`) that the playground skips. */
export function explainMeta(text: string, dialect: Dialect): string {
  const body = text.replace(/^[\\.]/, '').trim();
  const [name = '', ...rest] = body.split(/\s+/);
  const arg = rest.join(' ');
  const rules = dialect === 'postgres' ? PSQL_RULES : SQLITE_RULES;
  const rule = rules.find((r) => r.names.includes(name.toLowerCase()));
  const client = dialect === 'postgres' ? 'psql' : 'the sqlite3 shell';
  const prefix = dialect === 'postgres' ? '\\' : '.';
  const base = `Skipped ${prefix}${name}: it is a command of ${client}, not SQL.`;
  return rule ? `${base} ${rule.explain(arg)}` : base;
}

/** When a Postgres statement creates or drops a database, explains why it is skipped. */
export function explainDatabaseStatement(words: string[]): string | undefined {
  const [verb, object, ...rest] = words;
  if (object !== 'database' || (verb !== 'create' && verb !== 'drop')) return undefined;
  const name = rest.filter((w) => w !== 'if' && w !== 'exists' && w !== 'not')[0] ?? '';
  return verb === 'create'
    ? `Skipped CREATE DATABASE ${name}: PGlite runs one database, "postgres", and the ` +
        'playground stays connected to it. Everything the script creates next goes there.'
    : `Skipped DROP DATABASE ${name}: the playground only has the "postgres" database. ` +
        'To start over, use “Empty the database” in Settings.';
}
