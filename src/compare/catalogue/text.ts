// Differences in text: concatenation, matching, case, quoting, names and JSON.

import type { CatalogueEntry } from '../types';
import { portGroupConcat, portIfnull, portIlike } from '../ports/functions';
import { portIdentifierQuotes } from '../ports/statements';
import { err, ok, okN } from './helpers';

export const TEXT_ENTRIES: CatalogueEntry[] = [
  {
    id: 'concat-null',
    title: '|| with NULL gives NULL in both; concat() skips NULLs',
    topic: 'text',
    postgres:
      "'a' || NULL is NULL; concat('a', NULL, 'b') is 'ab'. || between two numbers is an error.",
    sqlite:
      "The same for NULL (concat() exists since 3.44); || turns numbers into text, so 1 || 2 is '12'.",
    why: 'Both follow the standard for NULL; SQLite converts operands of || to text, Postgres needs a text operand.',
    portable:
      "Use concat() or coalesce(x, '') when a part can be NULL; cast numbers to text before ||.",
    demo: [
      "select 'a' || null as piped, concat('a', null, 'b') as joined;",
      'select 1 || 2 as digits;',
    ].join('\n'),
    expect: {
      postgres: [
        ok([[null, 'ab']]),
        err('operator does not exist: integer \\|\\| integer', '42883'),
      ],
      sqlite: [ok([[null, 'ab']]), ok([['12']])],
    },
    match: [
      {
        kinds: ['one-side-error'],
        sql: /\|\|/,
        errors: [
          { engine: 'postgres', codes: ['42883'], message: /operator does not exist: .*\|\|/ },
        ],
      },
    ],
  },
  {
    id: 'concat-precedence',
    title: '|| binds tighter than + in SQLite',
    topic: 'text',
    postgres: "'total: ' || 1 + 2 adds first and gives 'total: 3'.",
    sqlite:
      "|| has the highest precedence: ('total: ' || 1) + 2 turns 'total: 1' into a number (0) and gives 2.",
    why: 'The two grammars rank the operator differently; neither is wrong by the standard.',
    portable: "Put arithmetic in parentheses: 'total: ' || (1 + 2).",
    demo: ["select 'total: ' || 1 + 2 as label;", "select 'total: ' || (1 + 2) as label;"].join(
      '\n',
    ),
    expect: {
      postgres: [ok([['total: 3']]), ok([['total: 3']])],
      sqlite: [ok([[2]]), ok([['total: 3']])],
    },
    match: [{ kinds: ['value', 'type'], sql: /\|\|\s*[^|,;]*[-+*/%]|[-+*/%][^|,;]*\|\|/ }],
  },
  {
    id: 'like-case',
    title: 'LIKE ignores case in SQLite; ILIKE is Postgres-only',
    topic: 'text',
    postgres: "LIKE is case-sensitive ('Apple' LIKE 'apple' is false); ILIKE ignores case.",
    sqlite:
      'LIKE ignores the case of ASCII letters (not of é or Ä); there is no ILIKE, and the word is read as a column alias, giving a syntax error.',
    why: 'SQLite chose case-insensitive LIKE as its default (PRAGMA case_sensitive_like changes it).',
    portable: 'lower(a) LIKE lower(b) behaves the same on both.',
    demo: [
      "select 'Apple' like 'apple' as plain;",
      "select 'Apple' ilike 'apple' as matched;",
      "select lower('Apple') like lower('apple') as lowered;",
    ].join('\n'),
    expect: {
      postgres: [ok([[false]]), ok([[true]]), ok([[true]])],
      sqlite: [ok([[1]]), err('syntax error'), ok([[1]])],
    },
    match: [
      { kinds: ['one-side-error'], sql: /\bilike\b/i },
      {
        kinds: ['value', 'row-count', 'rows-affected'],
        statements: ['SELECT', 'WITH', 'UPDATE', 'DELETE'],
        sql: /\blike\b/i,
      },
    ],
    port: portIlike,
  },
  {
    id: 'unicode-case',
    title: 'upper() and lower() only know ASCII in SQLite',
    topic: 'text',
    postgres: "upper('é') is 'É': case mapping follows the database's locale, beyond ASCII.",
    sqlite: "upper('é') stays 'é': without the ICU extension only A–Z are mapped.",
    why: 'SQLite leaves out Unicode tables to stay small.',
    portable:
      'Do not rely on case-insensitive matching of non-ASCII text in SQLite; normalise case in the application.',
    demo: "select upper('é') as up, lower('É') as low, upper('abc') as ascii;",
    expect: {
      postgres: [ok([['É', 'é', 'ABC']])],
      sqlite: [ok([['é', 'É', 'ABC']])],
    },
    match: [{ kinds: ['value'], sql: /\b(upper|lower)\s*\(/i }],
  },
  {
    id: 'string-aggregation',
    title: 'string_agg in both, group_concat in SQLite only',
    topic: 'text',
    postgres:
      'string_agg(text, separator [ORDER BY …]) joins text values; other types must be cast to text first.',
    sqlite:
      'group_concat(x [, separator]) and, since 3.44, string_agg with ORDER BY; numbers are joined without casting.',
    why: 'SQLite added the Postgres spelling later and kept its own.',
    portable: "string_agg(CAST(x AS TEXT), ',' ORDER BY x) runs on both.",
    demo: [
      'create table cmp_tag (post integer, tag text);',
      "insert into cmp_tag values (1, 'b'), (1, 'a');",
      "select string_agg(tag, ',' order by tag) from cmp_tag;",
      "select group_concat(tag, ',') from cmp_tag;",
      "select string_agg(post, ',') from cmp_tag;",
    ].join('\n'),
    expect: {
      postgres: [
        ...okN(2),
        ok([['a,b']]),
        err('function group_concat\\(text, unknown\\) does not exist', '42883'),
        err('function string_agg\\(integer, unknown\\) does not exist', '42883'),
      ],
      sqlite: [...okN(2), ok([['a,b']]), ok(undefined, { rowCount: 1 }), ok([['1,1']])],
    },
    match: [{ kinds: ['one-side-error'], sql: /\b(group_concat|string_agg)\s*\(/i }],
    port: portGroupConcat,
  },
  {
    id: 'json-functions',
    title: 'JSON: jsonb operators vs SQLite JSON functions',
    topic: 'text',
    postgres:
      "doc -> 'a' ->> 'b' reads jsonb; ->> returns text ('2'); #>> takes a path; json_extract does not exist.",
    sqlite:
      "JSON is text. ->, ->> (3.38+) and json_extract(doc, '$.a.b') read it; ->> returns SQL values, so a JSON number comes back as a number (2).",
    why: 'Postgres has JSON types; SQLite parses JSON text on each call.',
    portable:
      "doc -> 'a' ->> 'b' runs on both (with a jsonb column in Postgres); CAST the result when you need a number.",
    demo: [
      'create table cmp_json (doc jsonb);',
      'insert into cmp_json values (\'{"a": {"b": 2}, "t": "x"}\');',
      "select doc -> 'a' ->> 'b' as b, doc ->> 't' as t from cmp_json;",
      "select json_extract(doc, '$.a.b') from cmp_json;",
      "select doc #>> '{a,b}' from cmp_json;",
    ].join('\n'),
    expect: {
      postgres: [
        ...okN(2),
        ok([['2', 'x']], { columnTypes: ['text', 'text'] }),
        err('function json_extract\\(jsonb, unknown\\) does not exist', '42883'),
        ok([['2']]),
      ],
      sqlite: [
        ...okN(2),
        ok([[2, 'x']], { columnTypes: ['INTEGER', 'TEXT'] }),
        ok([[2]]),
        err('unrecognized token'),
      ],
    },
    match: [
      { kinds: ['type', 'value'], sql: /->>?/ },
      { kinds: ['one-side-error'], sql: /\bjsonb?_\w+\s*\(|#>>?/i },
    ],
  },
  {
    id: 'double-quoted-strings',
    title: 'Double quotes are for names, but SQLite falls back to strings',
    topic: 'text',
    postgres:
      'Double quotes always mean an identifier: "active" is a column, and if there is none it is an error.',
    sqlite:
      'If no column has that name, "active" is quietly read as the string \'active\' (this build keeps the legacy behaviour on).',
    why: 'Early SQLite accepted MySQL-style strings; the fallback stays on by default for compatibility.',
    portable: 'Use single quotes for strings, double quotes only for names.',
    demo: [
      'select "status" from (select \'active\' as status) s;',
      'select "active";',
      "select 'active';",
    ].join('\n'),
    expect: {
      postgres: [
        ok([['active']]),
        err('column "active" does not exist', '42703'),
        ok([['active']]),
      ],
      sqlite: [ok([['active']]), ok([['active']]), ok([['active']])],
    },
    match: [
      { kinds: ['one-side-error'], sql: /"/, errors: [{ engine: 'postgres', codes: ['42703'] }] },
    ],
  },
  {
    id: 'identifier-case',
    title: 'Quoted names are case-sensitive in Postgres only',
    topic: 'text',
    postgres:
      'Unquoted names fold to lower case, so after CREATE TABLE "Customer" only "Customer" finds it; backquotes and brackets are not quotes.',
    sqlite: 'Names are matched without regard to case, and `name` and [name] quote like "name".',
    why: 'Postgres follows (and lower-cases) the standard rule; SQLite compares names case-insensitively and accepts MySQL and SQL Server quoting.',
    portable: 'Use lower-case names without quotes.',
    demo: [
      'create table "Customer" (id integer);',
      'select count(*) from customer;',
      'select count(*) from "Customer";',
      'select count(*) from `Customer`;',
    ].join('\n'),
    expect: {
      postgres: [
        ok(),
        err('relation "customer" does not exist', '42P01'),
        ok([[0]]),
        err('syntax error', '42601'),
      ],
      sqlite: [ok(), ok([[0]]), ok([[0]]), ok([[0]])],
    },
    match: [
      {
        kinds: ['one-side-error'],
        sql: /`|\[\w/,
        errors: [{ engine: 'postgres', codes: ['42601'] }],
      },
      { kinds: ['one-side-error'], errors: [{ engine: 'postgres', codes: ['42P01', '42703'] }] },
    ],
    port: portIdentifierQuotes,
  },
  {
    id: 'result-column-names',
    title: 'Unnamed result columns are named differently',
    topic: 'text',
    postgres:
      'Names a function column after the function (count) and any other expression ?column?.',
    sqlite: 'Names the column after the expression text as written: count(*), 1 + 1.',
    why: 'The standard leaves names of unaliased expressions to the implementation.',
    portable: 'Give every computed column an alias with AS.',
    demo: [
      "select count(*), 1 + 1, 'x';",
      "select count(*) as n, 1 + 1 as two, 'x' as label;",
    ].join('\n'),
    expect: {
      postgres: [
        ok([[1, 2, 'x']], { columns: ['count', '?column?', '?column?'] }),
        ok([[1, 2, 'x']], { columns: ['n', 'two', 'label'] }),
      ],
      sqlite: [
        ok([[1, 2, 'x']], { columns: ['count(*)', '1 + 1', "'x'"] }),
        ok([[1, 2, 'x']], { columns: ['n', 'two', 'label'] }),
      ],
    },
    match: [{ kinds: ['columns'] }],
  },
  {
    id: 'ifnull-coalesce',
    title: 'coalesce() in both, ifnull() in SQLite only',
    topic: 'text',
    postgres: 'coalesce(a, b, …) returns the first non-NULL argument; ifnull does not exist.',
    sqlite: 'Has coalesce() and also ifnull(a, b) with exactly two arguments.',
    why: 'ifnull is a MySQL-compatible extra in SQLite.',
    portable: 'Use coalesce().',
    demo: ["select coalesce(null, 'fallback');", "select ifnull(null, 'fallback');"].join('\n'),
    expect: {
      postgres: [
        ok([['fallback']]),
        err('function ifnull\\(unknown, unknown\\) does not exist', '42883'),
      ],
      sqlite: [ok([['fallback']]), ok([['fallback']])],
    },
    match: [{ kinds: ['one-side-error'], sql: /\bifnull\s*\(/i }],
    port: portIfnull,
  },
];
