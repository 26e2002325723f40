// The SQLite DDL readers on their own: quotes, comments and nesting must not confuse them.
import { describe, expect, it } from 'vitest';
import {
  parseCreateIndex,
  parseCreateTable,
  parseCreateTrigger,
  parseCreateView,
  referencedColumns,
} from '../../../src/engine/introspect/sqlite-ddl';
import { tokenize } from '../../../src/engine/introspect/sql-tokens';

describe('tokenize', () => {
  it('keeps quoted text whole and drops comments', () => {
    const tokens = tokenize(
      `select 'it''s (' , "a ""b""", [c d], \`e\` -- x (\n /* ) */ 1.5e3 || x`,
    );
    expect(tokens.map((t) => [t.kind, t.value])).toEqual([
      ['word', 'select'],
      ['string', "'it''s ('"],
      ['punct', ','],
      ['ident', 'a "b"'],
      ['punct', ','],
      ['ident', 'c d'],
      ['punct', ','],
      ['ident', 'e'],
      ['number', '1.5e3'],
      ['punct', '||'],
      ['word', 'x'],
    ]);
  });
});

describe('parseCreateTable', () => {
  it('reads column and table CHECKs with names, nested parentheses and tricky text', () => {
    const t = parseCreateTable(`CREATE TABLE IF NOT EXISTS main."t" (
      a INT CONSTRAINT a_pos CHECK (a > (0)) NOT NULL,
      b TEXT CHECK (b NOT IN ('x)', 'CHECK (')) COLLATE rtrim, -- CHECK (nope)
      "c" DECIMAL(10, 2) DEFAULT (1 + 2) CHECK(c>0),
      CONSTRAINT ab CHECK (a < length(b) OR (b IS NULL AND a = 1)),
      CHECK (c <> a)
    )`);
    expect(t?.checks).toEqual([
      { name: 'a_pos', expression: 'a > (0)', column: 'a' },
      { name: null, expression: "b NOT IN ('x)', 'CHECK (')", column: 'b' },
      { name: null, expression: 'c>0', column: 'c' },
      { name: 'ab', expression: 'a < length(b) OR (b IS NULL AND a = 1)', column: null },
      { name: null, expression: 'c <> a', column: null },
    ]);
    expect(t?.columns.map((c) => [c.name, c.collation])).toEqual([
      ['a', null],
      ['b', 'rtrim'],
      ['c', null],
    ]);
  });

  it('reads AUTOINCREMENT, key names, generated columns and FK deferrability', () => {
    const t = parseCreateTable(`create table t (
      id integer constraint t_pk primary key desc on conflict abort autoincrement,
      u text constraint u_uq unique,
      g int generated always as (id * 2) stored,
      h as (u || 'x'),
      p int references parent on delete set null not deferrable initially deferred,
      constraint two foreign key (p, u) references other (x, y) match simple deferrable initially deferred
    )`);
    expect(t?.primaryKey).toEqual({ name: 't_pk', columns: ['id'] });
    expect(t?.autoincrement).toBe(true);
    expect(t?.uniques).toEqual([{ name: 'u_uq', columns: ['u'] }]);
    expect(t?.columns.find((c) => c.name === 'g')?.generated).toEqual({
      expression: 'id * 2',
      stored: true,
    });
    expect(t?.columns.find((c) => c.name === 'h')?.generated).toEqual({
      expression: "u || 'x'",
      stored: false,
    });
    expect(t?.foreignKeys).toEqual([
      {
        name: null,
        columns: ['p'],
        table: 'parent',
        refColumns: [],
        deferrable: false,
        initiallyDeferred: false,
      },
      {
        name: 'two',
        columns: ['p', 'u'],
        table: 'other',
        refColumns: ['x', 'y'],
        deferrable: true,
        initiallyDeferred: true,
      },
    ]);
  });

  it('accepts PRIMARY KEY (col AUTOINCREMENT) and rejects CREATE TABLE … AS', () => {
    expect(
      parseCreateTable('create table t (id integer, primary key (id autoincrement))')
        ?.autoincrement,
    ).toBe(true);
    expect(parseCreateTable('create table t as select 1 as x')).toBeNull();
  });
});

describe('parseCreateIndex / parseCreateTrigger / parseCreateView', () => {
  it('finds expression terms and the top-level WHERE only', () => {
    expect(
      parseCreateIndex(
        `CREATE UNIQUE INDEX "i" ON t (lower(a) COLLATE nocase DESC, (b + 1), c) WHERE a <> 'where' AND (b IN (SELECT 1 WHERE 1));`,
      ),
    ).toEqual({
      terms: ['lower(a)', '(b + 1)', 'c'],
      where: "a <> 'where' AND (b IN (SELECT 1 WHERE 1))",
    });
    expect(parseCreateIndex('create index i on t(a)')?.where).toBeNull();
  });

  it('reads a trigger header with a CASE … WHEN in its condition', () => {
    expect(
      parseCreateTrigger(`CREATE TEMP TRIGGER IF NOT EXISTS tr UPDATE OF a, "b" ON t
        WHEN CASE WHEN new.a > 0 THEN 1 END BEGIN SELECT 1; END`),
    ).toEqual({
      timing: 'before',
      events: ['update'],
      updateColumns: ['a', 'b'],
      when: 'CASE WHEN new.a > 0 THEN 1 END',
    });
  });

  it('returns the SELECT of a view and finds columns named in an expression', () => {
    expect(parseCreateView('CREATE VIEW v (x) AS SELECT 1 AS x;')).toBe('SELECT 1 AS x');
    expect(
      referencedColumns('"Sort Name" > a AND lower(B) = \'c\'', ['a', 'b', 'c', 'Sort Name']),
    ).toEqual(['a', 'b', 'Sort Name']);
  });
});
