// Differences in changing a schema: ALTER TABLE, DDL in transactions, indexes, schemas.

import type { CatalogueEntry } from '../types';
import { portConcurrently, portTruncate } from '../ports/statements';
import { portWithoutRowid } from '../ports/create-table';
import { err, ok, okN } from './helpers';

export const SCHEMA_ENTRIES: CatalogueEntry[] = [
  {
    id: 'alter-table-limits',
    title: 'SQLite ALTER TABLE cannot change types, defaults or keys',
    topic: 'schema-changes',
    postgres:
      'ALTER TABLE can change a column type or default, add or drop any constraint, set NOT NULL and more.',
    sqlite:
      'ALTER TABLE renames tables and columns and adds and drops columns; this build (3.54) can also SET/DROP NOT NULL and ADD a CHECK constraint. Changing a type or default, or adding UNIQUE, primary or foreign keys, is a syntax error.',
    why: 'SQLite stores a table as the text of its CREATE statement; most other changes mean rewriting the table.',
    portable:
      'On SQLite, rebuild: create the new table, copy the rows (INSERT … SELECT), drop the old one and rename the new one, in one transaction. A unique index (CREATE UNIQUE INDEX) replaces ADD CONSTRAINT … UNIQUE on both.',
    demo: [
      'create table cmp_acct (id integer primary key, name text);',
      'alter table cmp_acct add column email text;',
      'alter table cmp_acct rename column name to full_name;',
      'alter table cmp_acct drop column email;',
      'alter table cmp_acct alter column full_name type varchar(100);',
      'alter table cmp_acct add constraint cmp_acct_name_uq unique (full_name);',
      "alter table cmp_acct alter column full_name set default 'n/a';",
      'alter table cmp_acct alter column full_name set not null;',
      'alter table cmp_acct add constraint cmp_acct_id_pos check (id > 0);',
      'create unique index cmp_acct_name_ix on cmp_acct (full_name);',
    ].join('\n'),
    expect: {
      postgres: okN(10),
      sqlite: [
        ...okN(4),
        err('near "type": syntax error'),
        err('near "unique": syntax error'),
        err('near "default": syntax error'),
        ...okN(3),
      ],
    },
    match: [
      {
        kinds: ['one-side-error'],
        statements: ['ALTER TABLE'],
        errors: [{ engine: 'sqlite', message: /syntax error/i }],
      },
    ],
  },
  {
    id: 'transactional-ddl',
    title: 'CREATE TABLE can be rolled back in both',
    topic: 'schema-changes',
    postgres:
      'Schema changes take part in transactions: ROLLBACK removes a table created inside BEGIN.',
    sqlite: 'The same: DDL is transactional, ROLLBACK undoes CREATE TABLE too.',
    why: 'Both engines keep their catalog in ordinary tables covered by the transaction (unlike MySQL, which commits on DDL).',
    portable:
      'Run migrations inside BEGIN … COMMIT on both engines. Exception: Postgres statements such as CREATE INDEX CONCURRENTLY refuse to run in a transaction.',
    demo: [
      'begin;',
      'create table cmp_draft (id integer);',
      'insert into cmp_draft values (1);',
      'rollback;',
      'select count(*) from cmp_draft;',
    ].join('\n'),
    expect: {
      postgres: [...okN(4), err('relation "cmp_draft" does not exist', '42P01')],
      sqlite: [...okN(4), err('no such table: cmp_draft')],
    },
    match: [],
  },
  {
    id: 'create-index-concurrently',
    title: 'CREATE INDEX CONCURRENTLY is Postgres-only',
    topic: 'indexes',
    postgres:
      'CONCURRENTLY builds an index without blocking writes, but it cannot run inside a transaction block.',
    sqlite:
      'Syntax error: an index is always built in one step while the database is locked for writing.',
    why: 'Postgres serves many writers at once; SQLite has a single writer, so there is nothing to build around.',
    portable:
      'Plain CREATE INDEX works on both; use CONCURRENTLY only in Postgres migrations, outside transactions.',
    demo: [
      'create table cmp_big (id integer, email text);',
      'create index concurrently cmp_big_email on cmp_big (email);',
      'begin;',
      'create index concurrently cmp_big_id on cmp_big (id);',
      'rollback;',
    ].join('\n'),
    expect: {
      postgres: [
        ...okN(3),
        err('CREATE INDEX CONCURRENTLY cannot run inside a transaction block', '25001'),
        ok(),
      ],
      sqlite: [ok(), err('syntax error'), ok(), err('syntax error'), ok()],
    },
    match: [{ kinds: ['one-side-error'], sql: /\bconcurrently\b/i }],
    port: portConcurrently,
  },
  {
    id: 'partial-expression-indexes',
    title: 'Partial and expression indexes work in both',
    topic: 'indexes',
    postgres:
      'CREATE INDEX … WHERE indexes only matching rows; an index on lower(email) makes case-insensitive lookups and uniqueness possible.',
    sqlite:
      'Supports both, with the same syntax (partial indexes since 3.8, expression indexes since 3.9).',
    why: 'Both engines implement these B-tree features from the same idea.',
    portable:
      'Write them once. The query must repeat the index expression (lower(email) = …) for either engine to use the index.',
    demo: [
      'create table cmp_job (id integer primary key, email text, status text);',
      "create index cmp_job_pending on cmp_job (id) where status = 'pending';",
      'create unique index cmp_job_email_ci on cmp_job (lower(email));',
      "insert into cmp_job (id, email, status) values (1, 'Ann@x.org', 'pending');",
      "insert into cmp_job (id, email, status) values (2, 'ann@X.org', 'done');",
    ].join('\n'),
    expect: {
      postgres: [...okN(4), err('duplicate key value violates unique constraint', '23505')],
      sqlite: [...okN(4), err('UNIQUE constraint failed')],
    },
    match: [],
  },
  {
    id: 'gin-jsonb-indexes',
    title: 'GIN indexes and JSONB operators are Postgres-only',
    topic: 'indexes',
    postgres:
      "JSONB columns support containment (@>) and GIN indexes that make it fast; an expression index on body ->> 'title' works too.",
    sqlite:
      'CREATE INDEX builds only B-tree indexes (USING is a syntax error) and there is no @> operator; JSON is text, read with ->, ->> and json_extract(). Expression indexes on ->> work.',
    why: 'SQLite keeps one index structure; Postgres has several index methods (GIN, GiST, BRIN, hash).',
    portable:
      "Index the JSON fields you search with an expression index on (doc ->> 'field'); both engines accept it.",
    demo: [
      'create table cmp_doc (id integer primary key, body jsonb);',
      'insert into cmp_doc values (1, \'{"tags": ["sql"], "title": "Intro"}\');',
      'create index cmp_doc_body on cmp_doc using gin (body);',
      'select id from cmp_doc where body @> \'{"tags": ["sql"]}\';',
      "create index cmp_doc_title on cmp_doc ((body ->> 'title'));",
      "select body ->> 'title' from cmp_doc;",
    ].join('\n'),
    expect: {
      postgres: [...okN(3), ok([[1]]), ok(), ok([['Intro']])],
      sqlite: [
        ...okN(2),
        err('near "using": syntax error'),
        err('unrecognized token: "@"'),
        ok(),
        ok([['Intro']]),
      ],
    },
    match: [
      { kinds: ['one-side-error'], sql: /\busing\s+(gin|gist|brin|hash|spgist)\b/i },
      { kinds: ['one-side-error'], sql: /@>|<@|\?\||\?&/ },
    ],
  },
  {
    id: 'without-rowid',
    title: 'WITHOUT ROWID tables are SQLite-only',
    topic: 'schema-changes',
    postgres:
      'Syntax error. Postgres tables never have a rowid; they are heaps with separate indexes.',
    sqlite:
      'WITHOUT ROWID stores the rows inside the primary-key B-tree, which saves space and a lookup for tables keyed by text or by several columns.',
    why: 'A storage option specific to SQLite.',
    portable:
      'Drop WITHOUT ROWID for Postgres (the port does it); behaviour of queries is the same.',
    demo: [
      'create table cmp_session (token text primary key, user_id integer) without rowid;',
      "insert into cmp_session values ('t1', 1);",
      'select token, user_id from cmp_session;',
    ].join('\n'),
    expect: {
      postgres: [
        err('syntax error at or near', '42601'),
        err('relation "cmp_session" does not exist', '42P01'),
        err('relation "cmp_session" does not exist', '42P01'),
      ],
      sqlite: [...okN(2), ok([['t1', 1]])],
    },
    match: [
      { kinds: ['one-side-error'], statements: ['CREATE TABLE'], sql: /\bwithout\s+rowid\b/i },
    ],
    port: portWithoutRowid,
  },
  {
    id: 'schemas-vs-attach',
    title: 'Schemas in Postgres, attached databases in SQLite',
    topic: 'schema-changes',
    postgres: 'CREATE SCHEMA makes a namespace inside the database; name.table reaches it.',
    sqlite:
      "No CREATE SCHEMA. The same name.table syntax refers to another database file attached with ATTACH ('…' or ':memory:') AS name.",
    why: 'An SQLite database is one file; grouping happens by attaching more files.',
    portable:
      'Keep tables in the default schema (public / main), or use a @postgres CREATE SCHEMA and an @sqlite ATTACH variant.',
    demo: [
      'create schema cmp_sales;',
      'create table cmp_sales.orders (id integer);',
      "attach ':memory:' as cmp_sales;",
      'create table cmp_sales.orders (id integer);',
      'select count(*) from cmp_sales.orders;',
    ].join('\n'),
    expect: {
      postgres: [
        ...okN(2),
        err('syntax error at or near "attach"', '42601'),
        err('relation "orders" already exists', '42P07'),
        ok([[0]]),
      ],
      sqlite: [
        err('near "schema": syntax error'),
        err('unknown database cmp_sales'),
        ...okN(2),
        ok([[0]]),
      ],
    },
    match: [
      { kinds: ['one-side-error'], statements: ['CREATE SCHEMA', 'ATTACH', 'DETACH'] },
      { kinds: ['one-side-error'], errors: [{ engine: 'sqlite', message: /unknown database/i }] },
    ],
  },
  {
    id: 'create-table-as',
    title: 'CREATE TABLE … AS copies data, not constraints',
    topic: 'schema-changes',
    postgres:
      'The new table gets the columns and their types, but no primary key, NOT NULL, default or index.',
    sqlite:
      'The same, and column types are reduced to their affinity names (INT, NUM, TEXT, REAL).',
    why: 'Both build the table from a query result, which has types but no constraints.',
    portable: 'Create the table with its constraints first, then INSERT INTO … SELECT.',
    demo: [
      'create table cmp_src (id integer primary key, price numeric(6,2) not null default 0);',
      'insert into cmp_src values (1, 2.5);',
      'create table cmp_copy as select * from cmp_src;',
      'insert into cmp_copy (id) values (1);',
      'select count(*) as n, count(price) as priced from cmp_copy;',
    ].join('\n'),
    expect: {
      postgres: [...okN(4), ok([[2, 1]])],
      sqlite: [...okN(4), ok([[2, 1]])],
    },
    match: [],
  },
  {
    id: 'truncate',
    title: 'TRUNCATE is Postgres-only',
    topic: 'schema-changes',
    postgres:
      'TRUNCATE empties a table at once (it can also reset identity sequences and cascade).',
    sqlite: 'Syntax error. DELETE FROM t without WHERE is optimised into the same fast wipe.',
    why: 'SQLite keeps its grammar small and recognises the unconditional DELETE instead.',
    portable: 'DELETE FROM t works on both.',
    demo: [
      'create table cmp_tmp (id integer);',
      'insert into cmp_tmp values (1), (2);',
      'truncate cmp_tmp;',
      'insert into cmp_tmp values (3);',
      'delete from cmp_tmp;',
      'select count(*) from cmp_tmp;',
    ].join('\n'),
    expect: {
      postgres: [...okN(5), ok([[0]])],
      sqlite: [...okN(2), err('near "truncate": syntax error'), ...okN(2), ok([[0]])],
    },
    match: [{ kinds: ['one-side-error'], statements: ['TRUNCATE'] }],
    port: portTruncate,
  },
];
