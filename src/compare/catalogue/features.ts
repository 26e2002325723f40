// Differences in writes (RETURNING, upserts) and in features one engine lacks.

import type { CatalogueEntry } from '../types';
import { portInsertOrIgnore } from '../ports/statements';
import { err, ok, okN } from './helpers';

export const FEATURE_ENTRIES: CatalogueEntry[] = [
  {
    id: 'returning',
    title: 'RETURNING works in both, but not inside a CTE in SQLite',
    topic: 'queries',
    postgres:
      'INSERT, UPDATE and DELETE … RETURNING give back the changed rows, also inside WITH (a “data-modifying CTE”).',
    sqlite:
      'Supports RETURNING since 3.35 on plain statements; a WITH clause holding an INSERT, UPDATE or DELETE is a syntax error.',
    why: 'SQLite added RETURNING to the statement, not to the CTE grammar.',
    portable:
      'Use RETURNING on the statement itself; run follow-up queries as separate statements.',
    demo: [
      'create table cmp_note (id integer primary key, body text);',
      "insert into cmp_note (id, body) values (1, 'hi') returning id, body;",
      "update cmp_note set body = 'hello' where id = 1 returning body;",
      'with gone as (delete from cmp_note returning id) select count(*) from gone;',
      'delete from cmp_note returning id;',
    ].join('\n'),
    expect: {
      postgres: [ok(), ok([[1, 'hi']]), ok([['hello']]), ok([[1]]), ok([])],
      sqlite: [ok(), ok([[1, 'hi']]), ok([['hello']]), err('syntax error'), ok([[1]])],
    },
    match: [
      {
        kinds: ['one-side-error'],
        statements: ['WITH'],
        sql: /\b(insert|update|delete)\b[\s\S]*\breturning\b/i,
      },
    ],
  },
  {
    id: 'upsert-on-conflict',
    title: 'ON CONFLICT upserts: same core, different edges',
    topic: 'keys',
    postgres:
      'INSERT … ON CONFLICT (key) DO UPDATE SET … = excluded.… and ON CONFLICT DO NOTHING. DO UPDATE needs a conflict target; INSERT OR IGNORE / OR REPLACE do not exist.',
    sqlite:
      'The same ON CONFLICT syntax (3.24+), and the last DO UPDATE may leave out the target (3.35+). Also INSERT OR IGNORE and INSERT OR REPLACE (which deletes the old row and inserts a new one).',
    why: 'SQLite adopted the Postgres upsert and kept its older conflict clauses.',
    portable:
      'INSERT … ON CONFLICT (key) DO UPDATE / DO NOTHING with an explicit target runs on both.',
    demo: [
      'create table cmp_counter (k text primary key, n integer not null);',
      "insert into cmp_counter values ('a', 1);",
      "insert into cmp_counter values ('a', 5) on conflict (k) do update set n = cmp_counter.n + excluded.n;",
      "insert into cmp_counter values ('a', 9) on conflict do nothing;",
      'select k, n from cmp_counter;',
      "insert into cmp_counter values ('a', 0) on conflict do update set n = 0;",
      "insert or ignore into cmp_counter values ('a', 7);",
      "insert or replace into cmp_counter values ('a', 7);",
    ].join('\n'),
    expect: {
      postgres: [
        ...okN(4),
        ok([['a', 6]]),
        err('ON CONFLICT DO UPDATE requires inference specification or constraint name', '42601'),
        err('syntax error at or near "or"', '42601'),
        err('syntax error at or near "or"', '42601'),
      ],
      sqlite: [...okN(4), ok([['a', 6]]), ...okN(3)],
    },
    match: [
      {
        kinds: ['one-side-error'],
        statements: ['INSERT'],
        sql: /\binsert\s+or\s+(ignore|replace|abort|fail|rollback)\b/i,
      },
      { kinds: ['one-side-error'], statements: ['REPLACE'] },
      { kinds: ['one-side-error'], statements: ['INSERT'], sql: /\bon\s+conflict\b/i },
    ],
    port: portInsertOrIgnore,
  },
  {
    id: 'uuid-generation',
    title: 'Generating UUIDs',
    topic: 'types',
    postgres: 'A uuid type and gen_random_uuid() are built in (uuidv7() too since Postgres 18).',
    sqlite:
      'No uuid type, and this build has no UUID function (the uuid extension is not compiled in); randomblob(16) gives random bytes that can be turned into hex text.',
    why: 'SQLite leaves such functions to extensions.',
    portable:
      'Generate ids in the application, or use a @postgres / @sqlite variant of the DEFAULT.',
    demo: [
      'select length(cast(gen_random_uuid() as text));',
      'select length(cast(uuidv7() as text));',
      'select length(lower(hex(randomblob(16))));',
    ].join('\n'),
    expect: {
      postgres: [
        ok([[36]]),
        ok([[36]]),
        err('function randomblob\\(integer\\) does not exist', '42883'),
      ],
      sqlite: [
        err('no such function: gen_random_uuid'),
        err('no such function: uuidv7'),
        ok([[32]]),
      ],
    },
    match: [
      {
        kinds: ['one-side-error'],
        sql: /\b(gen_random_uuid|uuid_generate_v\d|uuidv[47]|randomblob)\s*\(/i,
      },
    ],
  },
  {
    id: 'pg-only-types',
    title: 'Arrays, enums and custom types are Postgres-only',
    topic: 'types',
    postgres:
      'CREATE TYPE … AS ENUM, arrays (ARRAY[1, 2, 3], integer[]), ranges, domains and composite types.',
    sqlite:
      'None of them: CREATE TYPE is a syntax error, and in ARRAY[1, 2, 3] SQLite reads array as a column and [1, 2, 3] as a bracket-quoted alias, so the error points elsewhere.',
    why: 'SQLite has five storage classes and no user-defined types.',
    portable:
      "Use a CHECK (col IN ('a', 'b')) instead of an enum and a child table instead of an array; both engines enforce the CHECK.",
    demo: [
      "create type cmp_mood as enum ('happy', 'sad');",
      'select array[1, 2, 3] as a;',
      "create table cmp_status (mood text check (mood in ('happy', 'sad')));",
      "insert into cmp_status values ('angry');",
    ].join('\n'),
    expect: {
      postgres: [ok(), ok([['{1,2,3}']]), ok(), err('violates check constraint', '23514')],
      sqlite: [
        err('near "type": syntax error'),
        err('near "as": syntax error'),
        ok(),
        err('CHECK constraint failed'),
      ],
    },
    match: [
      { kinds: ['one-side-error'], statements: ['CREATE TYPE', 'CREATE DOMAIN'] },
      { kinds: ['one-side-error'], sql: /\barray\s*\[|\[\s*\]/i },
    ],
  },
];
