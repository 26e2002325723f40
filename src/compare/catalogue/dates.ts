// Differences in dates, times and the functions that produce them.

import type { CatalogueEntry } from '../types';
import { portNow } from '../ports/functions';
import { err, ok, okN } from './helpers';

export const DATE_ENTRIES: CatalogueEntry[] = [
  {
    id: 'date-time-storage',
    title: 'Dates are checked values in Postgres, plain text in SQLite',
    topic: 'dates',
    postgres:
      'DATE and TIMESTAMP columns parse their input, reject text that is not a date, and show values in one format (2024-05-01 10:00:00).',
    sqlite:
      "There is no date type: the value is stored as given (text, or a number), so '2024-05-01 10:00' keeps its form and 'next tuesday' is accepted.",
    why: 'SQLite leaves dates to its date functions (date(), datetime(), julianday()), which read ISO-8601 text or numbers.',
    portable:
      "Always write full ISO-8601 text ('2024-05-01 10:00:00') and add CHECK (datetime(col) IS NOT NULL) on SQLite if you need validation.",
    demo: [
      'create table cmp_event (at timestamp);',
      "insert into cmp_event values ('2024-05-01 10:00');",
      "insert into cmp_event values ('next tuesday');",
      'select at from cmp_event order by at;',
    ].join('\n'),
    expect: {
      postgres: [
        ...okN(2),
        err('invalid input syntax for type timestamp', '22007'),
        ok([['2024-05-01 10:00:00']], { columnTypes: ['timestamp without time zone'] }),
      ],
      sqlite: [...okN(3), ok([['2024-05-01 10:00'], ['next tuesday']])],
    },
    match: [
      {
        kinds: ['value', 'type', 'row-count'],
        statements: ['SELECT', 'WITH'],
        context: /\b(date|time|timestamp(tz)?)\b/i,
      },
      { kinds: ['one-side-error'], errors: [{ engine: 'postgres', codes: ['22007', '22008'] }] },
      { kinds: ['value', 'type', 'row-count'], sql: /\b(date|time|timestamp(tz)?|interval)\b/i },
    ],
  },
  {
    id: 'cast-to-date',
    title: "CAST('2024-05-01' AS DATE) is a number in SQLite",
    topic: 'dates',
    postgres: 'Casting text to DATE or TIMESTAMP parses it into a date.',
    sqlite:
      "DATE is only a type name with NUMERIC affinity: the cast keeps the leading number, so CAST('2024-05-01' AS DATE) is 2024.",
    why: 'SQLite casts by affinity, and a type name without INT, CHAR, CLOB, TEXT, BLOB, REAL, FLOA or DOUB in it means NUMERIC.',
    portable:
      "Call date(x) or datetime(x): SQLite's functions return ISO text, and Postgres reads date('…') as a cast to date.",
    demo: ["select cast('2024-05-01' as date) as d;", "select date('2024-05-01 10:30') as d;"].join(
      '\n',
    ),
    expect: {
      postgres: [ok([['2024-05-01']], { columnTypes: ['date'] }), ok([['2024-05-01']])],
      sqlite: [ok([[2024]], { columnTypes: ['INTEGER'] }), ok([['2024-05-01']])],
    },
    match: [
      {
        kinds: ['value', 'type'],
        statements: ['SELECT', 'WITH'],
        sql: /\bcast\s*\([\s\S]*\bas\s+(date|time|timestamp(tz)?)\b/i,
      },
      { kinds: ['value', 'type'], sql: /::\s*(date|time|timestamp(tz)?)\b/i },
    ],
  },
  {
    id: 'now-function',
    title: 'now() exists only in Postgres',
    topic: 'dates',
    postgres:
      'now() and CURRENT_TIMESTAMP both give the start time of the transaction, with time zone and fractions of a second.',
    sqlite:
      'There is no now(): "no such function", and DEFAULT now() in CREATE TABLE is a syntax error (a DEFAULT calling a function needs parentheses). CURRENT_TIMESTAMP works and gives UTC text without fractions (2024-05-01 10:00:00).',
    why: 'now() is a Postgres function; CURRENT_TIMESTAMP is standard SQL that both support.',
    portable: 'Use CURRENT_TIMESTAMP, including in DEFAULT clauses.',
    demo: [
      'select now() is not null as has_now;',
      'select current_timestamp is not null as has_ts;',
      'create table cmp_log (msg text, at timestamp default current_timestamp);',
      "insert into cmp_log (msg) values ('hi');",
      'select count(*) from cmp_log where at is not null;',
      'create table cmp_log2 (msg text, at timestamp default now());',
    ].join('\n'),
    expect: {
      postgres: [ok([[true]]), ok([[true]]), ...okN(2), ok([[1]]), ok()],
      sqlite: [
        err('no such function: now'),
        ok([[1]]),
        ...okN(2),
        ok([[1]]),
        err('near "\\(": syntax error'),
      ],
    },
    match: [
      {
        kinds: ['one-side-error'],
        sql: /\bnow\s*\(/i,
        errors: [{ engine: 'sqlite', message: /no such function: now\b/i }],
      },
      {
        kinds: ['one-side-error'],
        statements: ['CREATE TABLE', 'ALTER TABLE'],
        sql: /\bdefault\s+now\s*\(/i,
      },
      {
        kinds: ['one-side-error'],
        errors: [{ engine: 'sqlite', message: /unknown function: now\(\)/i }],
      },
    ],
    port: portNow,
  },
  {
    id: 'date-arithmetic',
    title: 'Date arithmetic: intervals vs modifiers',
    topic: 'dates',
    postgres:
      "Adds intervals: date '2024-01-31' + interval '1 month' is 2024-02-29 (clamped to the month end); current_date + 1 is tomorrow.",
    sqlite:
      "Uses modifiers: date('2024-01-31', '+1 month') is 2024-03-02 (it overflows into March); current_date + 1 adds 1 to the leading number of the text and compares as a number.",
    why: 'SQLite dates are text handled by functions; Postgres has date and interval types with calendar rules.',
    portable:
      "Avoid month arithmetic on day 29–31, or compute it in the application; add days with date(x, '+1 day') on SQLite and x + 1 on Postgres (compare-mode variants).",
    demo: [
      "select date '2024-01-31' + interval '1 month' as next_month;",
      "select date('2024-01-31', '+1 month') as next_month;",
      'select current_date + 1 > current_date as later;',
    ].join('\n'),
    expect: {
      postgres: [
        ok([['2024-02-29 00:00:00']]),
        err('function date\\(unknown, unknown\\) does not exist', '42883'),
        ok([[true]]),
      ],
      sqlite: [err('syntax error'), ok([['2024-03-02']]), ok([[0]])],
    },
    match: [
      { kinds: ['one-side-error'], sql: /\binterval\b|\bdate\s*\([^)]*,/i },
      { kinds: ['value'], sql: /\b(current_date|current_timestamp|now)\b\s*(\(\s*\))?\s*[-+]/i },
    ],
  },
];
