// Putting a suggested port into the compare script: which ports replace the statement in
// place (their output must run on BOTH real engines) and which become variant blocks, and
// that the rewritten script then runs the statement successfully on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlignedRow } from '../../../src/compare/align';
import { suggestPort } from '../../../src/compare/explain';
import { splitVariants } from '../../../src/compare/variants';
import type { PgliteEngine } from '../../../src/engine/pglite';
import type { EngineId } from '../../../src/engine/types';
import { portEdit, portPlacement } from '../../../src/ui/compare/port-edit';
import { compareOnBothEngines } from '../helpers/compare';
import { startPg } from '../helpers/engines';

let pg: PgliteEngine;

beforeAll(async () => {
  pg = await startPg();
});
afterAll(async () => {
  await pg.close();
});

const compare = (script: string): Promise<AlignedRow[]> => compareOnBothEngines(pg, script);

interface Case {
  name: string;
  setup: string;
  statement: string;
  failing: EngineId;
  placement: 'replace' | 'variant';
}

const CASES: Case[] = [
  {
    name: 'now() → CURRENT_TIMESTAMP',
    setup: '',
    statement: 'select now() is not null as ok',
    failing: 'sqlite',
    placement: 'replace',
  },
  {
    name: ':: cast to a plain type → CAST',
    setup: '',
    statement: "select '42'::integer + 1 as n",
    failing: 'sqlite',
    placement: 'replace',
  },
  {
    name: ':: cast to date → SQLite date()',
    setup: '',
    statement: "select '2024-05-01'::date as d",
    failing: 'sqlite',
    placement: 'variant',
  },
  {
    name: 'TRUNCATE → DELETE FROM',
    setup: 'create table t (n integer); insert into t values (1);',
    statement: 'truncate table t',
    failing: 'sqlite',
    placement: 'replace',
  },
  {
    name: 'ILIKE → LIKE (case-sensitive on Postgres)',
    setup: "create table t (s text); insert into t values ('Apple');",
    statement: "select s from t where s ilike 'apple'",
    failing: 'sqlite',
    placement: 'variant',
  },
  {
    name: 'identity → INTEGER PRIMARY KEY (numbers nothing on Postgres)',
    setup: '',
    statement: 'create table t (id integer generated always as identity primary key, s text)',
    failing: 'sqlite',
    placement: 'variant',
  },
  {
    name: 'ifnull() → coalesce()',
    setup: '',
    statement: "select ifnull(null, 'x') as v",
    failing: 'postgres',
    placement: 'replace',
  },
  {
    name: 'group_concat → string_agg',
    setup: "create table t (s text); insert into t values ('a'), ('b');",
    statement: "select group_concat(s, ',') as v from t",
    failing: 'postgres',
    placement: 'replace',
  },
  {
    name: '[brackets] → "quotes"',
    setup: 'create table "Album" (id integer);',
    statement: 'select count(*) as n from [Album]',
    failing: 'postgres',
    placement: 'replace',
  },
  {
    name: 'INSERT OR IGNORE → ON CONFLICT DO NOTHING',
    setup: 'create table t (id integer primary key); insert into t values (1);',
    statement: 'insert or ignore into t values (1)',
    failing: 'postgres',
    placement: 'replace',
  },
  {
    name: 'AUTOINCREMENT → identity (SQLite-only keyword)',
    setup: '',
    statement: 'create table t (id integer primary key autoincrement, s text)',
    failing: 'postgres',
    placement: 'variant',
  },
  {
    name: 'typeof() → pg_typeof()',
    setup: '',
    statement: 'select typeof(1) as t',
    failing: 'postgres',
    placement: 'variant',
  },
];

/** The row of `statement` in a compare run (the last row whose sides hold it). */
function rowOf(rows: AlignedRow[], text: string): AlignedRow {
  const row = [...rows]
    .reverse()
    .find((r) => r.sides.postgres.sql?.includes(text) || r.sides.sqlite.sql?.includes(text));
  if (!row) throw new Error(`no row for ${text}`);
  return row;
}

describe('ported statements in the compare script', () => {
  for (const c of CASES) {
    it(`${c.name}: ${c.placement}, then runs on both engines`, async () => {
      const script = `${c.setup}\n${c.statement};\nselect 1 as after_it;\n`;
      const before = rowOf(await compare(script), c.statement);
      expect(before.sides[c.failing].status).toBe('error');
      const suggestion = suggestPort(c.statement, c.failing);
      expect(suggestion).toBeDefined();
      if (!suggestion) return;
      const placement = portPlacement(suggestion, c.failing, c.statement);
      expect(placement).toBe(c.placement);
      const range = before.sides[c.failing].result?.range;
      expect(range).toBeDefined();
      if (!range) return;
      const edit = portEdit(script, range, c.statement, suggestion.ported, c.failing, placement);
      expect(edit).toBeDefined();
      if (!edit) return;
      const after = script.slice(0, edit.range.from) + edit.text + script.slice(edit.range.to);
      expect(after.slice(edit.inserted.from, edit.inserted.to)).toBe(
        placement === 'replace' ? suggestion.ported : edit.text.trim(),
      );
      const rows = await compare(after);
      const row = rowOf(rows, suggestion.ported);
      expect([row.sides.postgres.status, row.sides.sqlite.status]).toEqual(['ok', 'ok']);
      expect(row.differences.map((d) => d.kind)).not.toContain('one-side-error');
      expect(row.variant).toBe(placement === 'variant');
      // The statement after it still runs as its own statement on both.
      const tail = rowOf(rows, 'after_it');
      expect([tail.sides.postgres.status, tail.sides.sqlite.status]).toEqual(['ok', 'ok']);
    });
  }
});

describe('portEdit', () => {
  it('moves code on the same line out of the way of the markers', () => {
    const script = 'select 1; select now() as t;  select 2;\n';
    const from = script.indexOf('select now');
    const original = 'select now() as t';
    const edit = portEdit(
      script,
      { from, to: from + original.length },
      original,
      'select CURRENT_TIMESTAMP as t',
      'sqlite',
      'variant',
    );
    const out = edit && script.slice(0, edit.range.from) + edit.text + script.slice(edit.range.to);
    expect(out).toBe(
      'select 1; \n-- @postgres\nselect now() as t;\n-- @sqlite\nselect CURRENT_TIMESTAMP as t;\n-- @end\n  select 2;\n',
    );
    const split = out ? splitVariants(out) : undefined;
    expect(split?.ok).toBe(true);
  });

  it('keeps the @postgres section first when Postgres is the failing side', () => {
    const script = 'select ifnull(null, 1);';
    const edit = portEdit(
      script,
      { from: 0, to: 22 },
      'select ifnull(null, 1)',
      'select coalesce(null, 1)',
      'postgres',
      'variant',
    );
    expect(edit?.text).toBe(
      '-- @postgres\nselect coalesce(null, 1);\n-- @sqlite\nselect ifnull(null, 1);\n-- @end',
    );
  });

  it('refuses to edit when the script changed since the run', () => {
    const edit = portEdit(
      'select now();',
      { from: 0, to: 12 },
      'select now()',
      'x',
      'sqlite',
      'replace',
    );
    // Unchanged text: the edit replaces exactly the statement.
    expect(edit).toEqual({
      range: { from: 0, to: 12 },
      text: 'x',
      inserted: { from: 0, to: 1 },
    });
    expect(
      portEdit('select 1 + now();', { from: 0, to: 12 }, 'select now()', 'x', 'sqlite', 'replace'),
    ).toBeUndefined();
  });
});
