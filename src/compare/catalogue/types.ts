// Differences in how values are typed and stored.

import type { CatalogueEntry } from '../types';
import { portStrict } from '../ports/create-table';
import { portCast } from '../ports/cast';
import { portTypeof } from '../ports/functions';
import { err, ok, okN } from './helpers';

export const TYPE_ENTRIES: CatalogueEntry[] = [
  {
    id: 'type-affinity',
    title: 'Column types are rules in Postgres, hints in SQLite',
    topic: 'types',
    postgres:
      'Every value is converted to the column type on the way in; text that is not a number is rejected by an integer column.',
    sqlite:
      "A column's declared type only gives it an affinity: SQLite converts a value when it can and otherwise stores it as it came, so an INTEGER column can hold 'twelve'.",
    why: 'SQLite types belong to values, not to columns (dynamic typing); the declared type is a preference.',
    portable:
      "Validate values with CHECK constraints (for example CHECK (typeof(qty) = 'integer') on SQLite) or use STRICT tables on SQLite.",
    demo: [
      'create table cmp_aff (qty integer, label text);',
      "insert into cmp_aff values ('12', 'a');",
      "insert into cmp_aff values ('twelve', 'b');",
      'select qty, label from cmp_aff order by label;',
    ].join('\n'),
    expect: {
      postgres: [...okN(2), err('invalid input syntax for type integer', '22P02'), ok([[12, 'a']])],
      sqlite: [
        ...okN(3),
        ok(
          [
            [12, 'a'],
            ['twelve', 'b'],
          ],
          { columnTypes: ['INTEGER | TEXT', 'TEXT'] },
        ),
      ],
    },
    match: [
      { kinds: ['one-side-error'], errors: [{ engine: 'postgres', codes: ['22P02'] }] },
      { kinds: ['row-count', 'value', 'type'], statements: ['SELECT', 'WITH'] },
    ],
  },
  {
    id: 'strict-tables',
    title: 'STRICT tables exist only in SQLite',
    topic: 'types',
    postgres: 'Does not know the STRICT keyword; its tables are always strictly typed.',
    sqlite:
      'A table declared STRICT refuses values that do not fit the column type, like Postgres does, but only for the types INT, INTEGER, REAL, TEXT, BLOB and ANY.',
    why: 'STRICT was added to SQLite (3.37) as an opt-in; the default stays flexible for compatibility.',
    portable:
      'Keep one schema per engine (compare-mode variants), or leave STRICT out and add CHECK constraints on typeof().',
    demo: [
      'create table cmp_strict (qty integer) strict;',
      "insert into cmp_strict values ('12');",
      "insert into cmp_strict values ('twelve');",
      'select qty from cmp_strict;',
    ].join('\n'),
    expect: {
      postgres: [
        err('syntax error at or near "strict"', '42601'),
        err('relation "cmp_strict" does not exist', '42P01'),
        err('relation "cmp_strict" does not exist', '42P01'),
        err('relation "cmp_strict" does not exist', '42P01'),
      ],
      sqlite: [...okN(2), err('cannot store TEXT value in INTEGER column'), ok([[12]])],
    },
    match: [
      {
        kinds: ['one-side-error'],
        statements: ['CREATE TABLE'],
        sql: /\)\s*(,\s*\w+\s*)*strict\b/i,
        errors: [{ engine: 'postgres', codes: ['42601'] }],
      },
      {
        kinds: ['one-side-error'],
        errors: [{ engine: 'sqlite', message: /cannot store \w+ value/i }],
      },
    ],
    port: portStrict,
  },
  {
    id: 'varchar-length',
    title: 'VARCHAR(n) limits length only in Postgres',
    topic: 'types',
    postgres: 'A longer string than n characters is an error (value too long).',
    sqlite: 'The length is ignored: VARCHAR(3) is a TEXT column and keeps the whole string.',
    why: 'SQLite reads the type name only to choose an affinity; the number in parentheses is never checked.',
    portable: 'Add CHECK (length(col) <= n): both engines enforce it.',
    demo: [
      'create table cmp_varchar (code varchar(3));',
      "insert into cmp_varchar values ('ABCDEF');",
      'select code, length(code) from cmp_varchar;',
      'create table cmp_varchar2 (code varchar(3) check (length(code) <= 3));',
      "insert into cmp_varchar2 values ('ABCDEF');",
    ].join('\n'),
    expect: {
      postgres: [
        ok(),
        err('value too long for type character varying\\(3\\)', '22001'),
        ok([]),
        ok(),
        err('value too long', '22001'),
      ],
      sqlite: [...okN(2), ok([['ABCDEF', 6]]), ok(), err('CHECK constraint failed')],
    },
    match: [
      {
        kinds: ['row-count', 'value'],
        statements: ['SELECT', 'WITH'],
        context: /\b(var)?char(acter)?\s*(varying\s*)?\(\s*\d+/i,
      },
      { kinds: ['one-side-error'], errors: [{ engine: 'postgres', codes: ['22001'] }] },
      { kinds: ['row-count', 'value'], sql: /\b(var)?char(acter)?\s*(varying\s*)?\(\s*\d+/i },
    ],
  },
  {
    id: 'booleans',
    title: 'Booleans are true/false in Postgres, 1/0 in SQLite',
    topic: 'types',
    postgres:
      "BOOLEAN is a real type: results show true and false, and inputs such as 'yes', 't' or 'off' are read as booleans.",
    sqlite:
      "BOOLEAN is accepted as a type name but TRUE and FALSE are just 1 and 0; a string such as 'yes' is stored as text and is false in a WHERE.",
    why: 'SQLite has no boolean storage class (TRUE/FALSE keywords arrived in 3.23 as aliases for 1 and 0).',
    portable:
      'Insert only TRUE/FALSE (or 1/0 with a CHECK (flag IN (0, 1)) on SQLite), and compare with = TRUE rather than relying on text inputs.',
    demo: [
      'create table cmp_bool (flag boolean);',
      "insert into cmp_bool values (true), (false), ('yes');",
      'select flag from cmp_bool order by flag;',
      'select count(*) from cmp_bool where flag;',
    ].join('\n'),
    expect: {
      postgres: [...okN(2), ok([[false], [true], [true]], { columnTypes: ['boolean'] }), ok([[2]])],
      sqlite: [...okN(2), ok([[0], [1], ['yes']]), ok([[1]])],
    },
    match: [
      {
        kinds: ['type', 'value', 'row-count'],
        statements: ['SELECT', 'WITH'],
        context: /\bbool(ean)?\b/i,
      },
      { kinds: ['type', 'value'], sql: /\b(true|false|bool(ean)?)\b/i },
    ],
  },
  {
    id: 'numeric-exactness',
    title: 'NUMERIC is exact in Postgres, floating point in SQLite',
    topic: 'types',
    postgres:
      'Decimal literals and NUMERIC(p, s) columns are exact decimals: 0.1 + 0.2 = 0.3 holds, and NUMERIC(6,2) rounds to and shows two decimals.',
    sqlite:
      'Decimal values become 8-byte floating-point numbers (REAL): 0.1 + 0.2 is not 0.3, and the scale in NUMERIC(6,2) is ignored.',
    why: 'SQLite has no decimal storage class; NUMERIC is only an affinity that prefers INTEGER or REAL.',
    portable:
      'Store money as integer cents, or round explicitly (round(x, 2)) before comparing or showing.',
    demo: [
      'select 0.1 + 0.2 = 0.3 as exact;',
      'create table cmp_price (amount numeric(6,2));',
      'insert into cmp_price values (1.5), (2.005);',
      'select amount from cmp_price order by amount;',
    ].join('\n'),
    expect: {
      postgres: [ok([[true]]), ...okN(2), ok([['1.50'], ['2.01']], { columnTypes: ['numeric'] })],
      sqlite: [ok([[0]]), ...okN(2), ok([[1.5], [2.005]], { columnTypes: ['REAL'] })],
    },
    match: [
      {
        kinds: ['type', 'value'],
        statements: ['SELECT', 'WITH'],
        context: /\b(numeric|decimal)\s*\(/i,
      },
      { kinds: ['type', 'value'], sql: /\b(numeric|decimal)\b|\d\.\d/i },
      { kinds: ['type'] },
    ],
  },
  {
    id: 'integer-division',
    title: 'Integer division truncates in both; decimals differ in type',
    topic: 'types',
    postgres:
      'integer / integer truncates toward zero (7 / 2 = 3, -7 / 2 = -3); with a decimal operand the result is NUMERIC, shown with many decimals (3.5000000000000000), and avg() of integers is NUMERIC too.',
    sqlite:
      'Also truncates integer division toward zero; with a REAL operand the result is a float (3.5), and avg() is always REAL.',
    why: 'Both follow the operand types; Postgres chooses exact NUMERIC for decimal literals where SQLite chooses REAL.',
    portable:
      'Cast one operand when you want a fraction (CAST(a AS REAL) / b) and round the result to the precision you show.',
    demo: [
      'select 7 / 2 as q, -7 / 2 as neg, 7 % 3 as r, 7 / 2.0 as f;',
      'select avg(n) from (select 1 as n union all select 2) v;',
    ].join('\n'),
    expect: {
      postgres: [
        ok([[3, -3, 1, '3.5000000000000000']], {
          columnTypes: ['integer', 'integer', 'integer', 'numeric'],
        }),
        ok([['1.5000000000000000']], { columnTypes: ['numeric'] }),
      ],
      sqlite: [
        ok([[3, -3, 1, 3.5]], { columnTypes: ['INTEGER', 'INTEGER', 'INTEGER', 'REAL'] }),
        ok([[1.5]], { columnTypes: ['REAL'] }),
      ],
    },
    match: [{ kinds: ['type', 'value'], statements: ['SELECT', 'WITH'], sql: /\/|\bavg\s*\(/i }],
  },
  {
    id: 'division-by-zero',
    title: 'Dividing by zero: an error in Postgres, NULL in SQLite',
    topic: 'types',
    postgres:
      'x / 0 and x % 0 raise "division by zero" and abort the statement (and the transaction).',
    sqlite: 'x / 0 and x % 0 quietly give NULL.',
    why: 'SQLite prefers returning NULL over failing a whole query for one bad row.',
    portable: 'Write x / NULLIF(d, 0): both engines then give NULL.',
    demo: ['select 1 / 0;', 'select 1.0 / 0;', 'select 5 % 0;', 'select 1 / nullif(0, 0);'].join(
      '\n',
    ),
    expect: {
      postgres: [
        err('division by zero', '22012'),
        err('division by zero', '22012'),
        err('division by zero', '22012'),
        ok([[null]]),
      ],
      sqlite: [ok([[null]]), ok([[null]]), ok([[null]]), ok([[null]])],
    },
    match: [{ kinds: ['one-side-error'], errors: [{ engine: 'postgres', codes: ['22012'] }] }],
  },
  {
    id: 'integer-overflow',
    title: 'Integer overflow: errors in different places',
    topic: 'types',
    postgres:
      'Arithmetic beyond the 64-bit range fails (bigint out of range), but sum() of bigints returns NUMERIC and never overflows.',
    sqlite:
      'Arithmetic beyond 64 bits silently becomes a REAL (losing precision), while sum() fails with "integer overflow".',
    why: 'Each engine widens in a different place: Postgres in aggregates, SQLite in expressions.',
    portable:
      'Keep values well inside 64 bits, or sum in a decimal type on Postgres and check ranges in the application.',
    demo: [
      'select 9223372036854775807 + 1 as bumped;',
      'select sum(n) from (select 9223372036854775807 as n union all select 1) s;',
    ].join('\n'),
    expect: {
      postgres: [
        err('bigint out of range', '22003'),
        ok([['9223372036854775808']], { columnTypes: ['numeric'] }),
      ],
      sqlite: [ok([[2 ** 63]], { columnTypes: ['REAL'] }), err('integer overflow')],
    },
    match: [
      {
        kinds: ['one-side-error'],
        errors: [
          { engine: 'postgres', codes: ['22003'] },
          { engine: 'sqlite', message: /integer overflow/i },
        ],
      },
    ],
  },
  {
    id: 'real-into-integer',
    title: 'A fraction stored in an INTEGER column',
    topic: 'types',
    postgres: 'The value is rounded to the nearest integer (1.5 becomes 2).',
    sqlite:
      'The fraction is kept as a REAL; only values that convert without loss (2.0) become integers.',
    why: 'Postgres converts to the column type; SQLite converts only when nothing is lost.',
    portable:
      'Round explicitly (round(x)) before inserting, or use a REAL/NUMERIC column when fractions are expected.',
    demo: [
      'create table cmp_int (n integer);',
      'insert into cmp_int values (1.5);',
      'insert into cmp_int values (2.0);',
      'select n from cmp_int order by n;',
    ].join('\n'),
    expect: {
      postgres: [...okN(3), ok([[2], [2]])],
      sqlite: [...okN(3), ok([[1.5], [2]], { columnTypes: ['INTEGER | REAL'] })],
    },
    match: [
      { kinds: ['value'], statements: ['SELECT', 'WITH'], context: /\binsert\b[^;]*\d\.\d/i },
      { kinds: ['value'], statements: ['SELECT', 'WITH'], sql: /\bint(eger)?\b/i },
    ],
  },
  {
    id: 'text-number-comparison',
    title: "Comparing text with numbers: '1' = 1",
    topic: 'types',
    postgres:
      "A quoted literal has no type until used, so '1' = 1 is true; but comparing a TEXT column with a number is an error (operator does not exist).",
    sqlite:
      "'1' = 1 is false: a text value never equals a number, unless one side is a column whose affinity converts the other (a TEXT column compared with 1 compares as text).",
    why: 'Postgres resolves types before running; SQLite compares storage classes at run time and applies column affinity first.',
    portable: 'Compare values of the same type: CAST one side explicitly.',
    demo: [
      "select '1' = 1 as a, 1 = 1.0 as b;",
      "select '1.0' = 1;",
      'create table cmp_cmp (code text);',
      "insert into cmp_cmp values ('1');",
      'select count(*) from cmp_cmp where code = 1;',
    ].join('\n'),
    expect: {
      postgres: [
        ok([[true, true]]),
        err('invalid input syntax for type integer', '22P02'),
        ...okN(2),
        err('operator does not exist: text = integer', '42883'),
      ],
      sqlite: [ok([[0, 1]]), ok([[0]]), ...okN(2), ok([[1]])],
    },
    match: [
      {
        kinds: ['one-side-error'],
        errors: [
          { engine: 'postgres', codes: ['42883'], message: /operator does not exist: \w+ = \w+/ },
        ],
      },
      { kinds: ['value', 'row-count'], sql: /'\d+(\.\d+)?'\s*=|=\s*'\d+(\.\d+)?'/ },
    ],
  },
  {
    id: 'cast-syntax',
    title: 'The :: cast is Postgres-only',
    topic: 'types',
    postgres: 'x::integer is shorthand for CAST(x AS integer).',
    sqlite: 'Stops at the first colon with "unrecognized token".',
    why: ':: is a Postgres extension; CAST(x AS type) is the SQL standard.',
    portable:
      'Write CAST(x AS type). Beware that on SQLite CAST to DATE or TIMESTAMP gives a number (see the date cast entry).',
    demo: [
      "select cast('42' as integer) + 1;",
      "select '42'::integer + 1;",
      "select '::' as not_a_cast;",
    ].join('\n'),
    expect: {
      postgres: [ok([[43]]), ok([[43]]), ok([['::']])],
      sqlite: [ok([[43]]), err('unrecognized token: ":"'), ok([['::']])],
    },
    match: [
      {
        kinds: ['one-side-error'],
        sql: /::/,
        errors: [{ engine: 'sqlite', message: /unrecognized token: ":"/i }],
      },
    ],
    port: portCast,
  },
  {
    id: 'typeof-function',
    title: 'Asking for a value\u2019s type: typeof() vs pg_typeof()',
    topic: 'types',
    postgres: 'pg_typeof(x) names the SQL type (numeric, integer, text…).',
    sqlite: 'typeof(x) names the storage class of that value (integer, real, text, blob, null).',
    why: 'Postgres types are static per expression; SQLite types are per value.',
    portable: 'There is no common function; use it only while exploring.',
    demo: ['select typeof(1.5);', 'select pg_typeof(1.5);'].join('\n'),
    expect: {
      postgres: [err('function typeof\\(numeric\\) does not exist', '42883'), ok([['numeric']])],
      sqlite: [ok([['real']]), err('no such function: pg_typeof')],
    },
    match: [
      {
        kinds: ['one-side-error'],
        sql: /\b(pg_)?typeof\s*\(/i,
        errors: [
          { engine: 'postgres', codes: ['42883'] },
          { engine: 'sqlite', message: /no such function/i },
        ],
      },
    ],
    port: portTypeof,
  },
];
