// Differences in transactions, locking and the engines' own tools (EXPLAIN, settings).

import type { CatalogueEntry } from '../types';
import { portBeginMode, portExplain } from '../ports/statements';
import { err, ok, okN } from './helpers';

export const TRANSACTION_ENTRIES: CatalogueEntry[] = [
  {
    id: 'begin-immediate',
    title: 'BEGIN IMMEDIATE / EXCLUSIVE are SQLite-only',
    topic: 'transactions',
    postgres:
      'BEGIN takes an isolation level (BEGIN ISOLATION LEVEL SERIALIZABLE); IMMEDIATE is a syntax error. Rows are locked one by one as they are written.',
    sqlite:
      'BEGIN IMMEDIATE takes the single write lock at once, so a later write cannot fail with “database is locked”; BEGIN EXCLUSIVE also keeps readers out (outside WAL mode).',
    why: 'SQLite locks the whole database for writing; choosing when to take the lock is its way to avoid deadlocks.',
    portable: 'Plain BEGIN works on both; put BEGIN IMMEDIATE in an @sqlite variant.',
    demo: ['begin immediate;', 'commit;', 'begin;', 'commit;'].join('\n'),
    expect: {
      postgres: [err('syntax error at or near "immediate"', '42601'), ...okN(3)],
      sqlite: okN(4),
    },
    match: [
      {
        kinds: ['one-side-error'],
        statements: ['BEGIN'],
        sql: /\bbegin\s+(immediate|exclusive|deferred)\b/i,
      },
    ],
    port: portBeginMode,
  },
  {
    id: 'aborted-transaction',
    title: 'After an error, a Postgres transaction refuses everything',
    topic: 'transactions',
    postgres:
      'Once a statement fails inside BEGIN, every later statement fails with “current transaction is aborted” until ROLLBACK; COMMIT then rolls back.',
    sqlite:
      'Only the failed statement is undone; the transaction goes on and COMMIT keeps the other changes.',
    why: 'Postgres treats a transaction as all-or-nothing; SQLite undoes at the statement level.',
    portable:
      'Stop at the first error and ROLLBACK explicitly; use SAVEPOINT … ROLLBACK TO to recover from an expected error on both.',
    demo: [
      'create table cmp_ledger (amount integer);',
      'begin;',
      'insert into cmp_ledger values (10);',
      'insert into cmp_missing values (1);',
      'insert into cmp_ledger values (20);',
      'commit;',
      'select count(*) from cmp_ledger;',
    ].join('\n'),
    expect: {
      postgres: [
        ...okN(3),
        err('relation "cmp_missing" does not exist', '42P01'),
        err('current transaction is aborted', '25P02'),
        ok(),
        ok([[0]]),
      ],
      sqlite: [...okN(3), err('no such table: cmp_missing'), ...okN(2), ok([[2]])],
    },
    match: [
      { kinds: ['value', 'row-count'], statements: ['SELECT', 'WITH'], context: /\bbegin\b/i },
      { kinds: ['one-side-error'], errors: [{ engine: 'postgres', codes: ['25P02'] }] },
      { kinds: ['value', 'row-count'], sql: /\bcount\s*\(/i },
    ],
  },
  {
    id: 'nested-begin',
    title: 'BEGIN inside a transaction',
    topic: 'transactions',
    postgres:
      'A second BEGIN only warns (“already a transaction in progress”) and the transaction continues.',
    sqlite: 'A second BEGIN is an error: “cannot start a transaction within a transaction”.',
    why: 'Neither nests transactions; they differ in how loudly they say so.',
    portable:
      'Use SAVEPOINT name / RELEASE name / ROLLBACK TO name for nesting; both support them.',
    demo: ['begin;', 'begin;', 'savepoint inner_step;', 'release inner_step;', 'commit;'].join(
      '\n',
    ),
    expect: {
      postgres: okN(5),
      sqlite: [ok(), err('cannot start a transaction within a transaction'), ...okN(3)],
    },
    match: [
      {
        kinds: ['one-side-error'],
        errors: [{ engine: 'sqlite', message: /within a transaction/i }],
      },
    ],
  },
  {
    id: 'explain-formats',
    title: 'EXPLAIN means different things',
    topic: 'tools',
    postgres:
      'EXPLAIN shows the plan tree with cost estimates; EXPLAIN ANALYZE runs the query and adds real timings.',
    sqlite:
      'EXPLAIN lists the bytecode program of the virtual machine; EXPLAIN QUERY PLAN shows the plan (SCAN, SEARCH … USING INDEX). There is no ANALYZE form.',
    why: 'SQLite compiles SQL into bytecode and exposes it; its plan summary is a separate command.',
    portable:
      'No common form: use EXPLAIN on Postgres and EXPLAIN QUERY PLAN on SQLite (the port converts).',
    demo: ['explain select 1;', 'explain query plan select 1;', 'explain analyze select 1;'].join(
      '\n',
    ),
    expect: {
      postgres: [
        ok(undefined, { columns: ['QUERY PLAN'], rowCount: 1 }),
        err('syntax error at or near "query"', '42601'),
        ok(undefined, { columns: ['QUERY PLAN'] }),
      ],
      sqlite: [
        ok(undefined, { columns: ['addr', 'opcode', 'p1', 'p2', 'p3', 'p4', 'p5', 'comment'] }),
        ok([[1, 0, 0, 'SCAN CONSTANT ROW']], { columns: ['id', 'parent', 'notused', 'detail'] }),
        err('syntax error'),
      ],
    },
    match: [
      { kinds: ['one-side-error', 'columns', 'row-count', 'value'], statements: ['EXPLAIN'] },
    ],
    port: portExplain,
  },
  {
    id: 'settings-and-versions',
    title: 'Settings: SET/SHOW vs PRAGMA',
    topic: 'tools',
    postgres:
      'Session settings are read with SHOW or current_setting() and changed with SET; version() reports the server version.',
    sqlite:
      'Settings are PRAGMAs (PRAGMA foreign_keys = ON); sqlite_version() reports the library version.',
    why: 'Each engine has its own configuration model; neither command exists on the other side.',
    portable: 'Keep settings in per-engine variants (-- @postgres / -- @sqlite).',
    demo: [
      'show server_version;',
      'pragma foreign_keys;',
      'select sqlite_version();',
      'select version();',
    ].join('\n'),
    expect: {
      postgres: [
        ok(undefined, { rowCount: 1 }),
        err('syntax error at or near "pragma"', '42601'),
        err('function sqlite_version\\(\\) does not exist', '42883'),
        ok(undefined, { rowCount: 1 }),
      ],
      sqlite: [
        err('near "show": syntax error'),
        ok([[0]]),
        ok(undefined, { rowCount: 1 }),
        err('no such function: version'),
      ],
    },
    match: [
      { kinds: ['one-side-error'], statements: ['PRAGMA', 'SET', 'SHOW', 'RESET'] },
      { kinds: ['one-side-error'], sql: /\b(sqlite_version|version|current_setting)\s*\(/i },
    ],
  },
];
