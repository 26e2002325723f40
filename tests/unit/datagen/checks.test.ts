// CHECK reading on the forms the engines really store: Postgres prints casts and ANY(ARRAY),
// SQLite keeps the text as written.
import { describe, expect, it } from 'vitest';
import {
  emptyRules,
  mergeRules,
  readCheck,
  substituteValue,
  type ColumnResolver,
} from '../../../src/engine/datagen/checks';

/** Resolves bare or quoted names against a column list, case-insensitively. */
const columns =
  (...names: string[]): ColumnResolver =>
  (t) =>
    t.kind === 'word' || t.kind === 'ident'
      ? (names.find((n) => n.toLowerCase() === t.value.toLowerCase()) ?? null)
      : null;

const pg = (expression: string, ...names: string[]) =>
  readCheck(expression, columns(...names), 'array');
const lite = (expression: string, ...names: string[]) => readCheck(expression, columns(...names));

describe('readCheck', () => {
  it('reads bounds as Postgres prints them, casts and negative constants included', () => {
    const r = pg("x > '-5'::integer AND x <= 50 AND price >= 0::numeric", 'x', 'price');
    expect(r.understood).toBe(true);
    expect(r.rules.get('x')).toMatchObject({
      lower: { value: -5, strict: true },
      upper: { value: 50, strict: false },
    });
    expect(r.rules.get('price')?.lower).toEqual({ value: 0, strict: false });
  });

  it('reads = ANY (ARRAY[…]) lists, with quotes and semicolons inside the strings', () => {
    const r = pg(
      `s::text = ANY (ARRAY['it''s'::character varying, 'a;b'::character varying]::text[])`,
      's',
    );
    expect(r.understood).toBe(true);
    expect(r.rules.get('s')?.allowed).toEqual([
      { sql: "'it''s'", number: null },
      { sql: "'a;b'", number: null },
    ]);
  });

  it('treats `x IS NULL OR <shape>` as the shape and lengths as length limits', () => {
    const r = pg(
      "(y > 0.5::double precision OR y IS NULL) AND length(t) <= 5 AND t <> ''::text",
      'y',
      't',
    );
    expect(r.understood).toBe(true);
    expect(r.rules.get('y')?.lower).toEqual({ value: 0.5, strict: true });
    expect(r.rules.get('t')?.maxLength).toBe(5);
  });

  it('reads SQLite text: BETWEEN, IN, reversed comparisons, [bracket] names', () => {
    const r = lite(
      "discount BETWEEN 0 AND 50 AND 0 < qty AND [Mixed Case] IN ('x', 'y') AND char_length(code) = 3",
      'discount',
      'qty',
      'Mixed Case',
      'code',
    );
    expect(r.understood).toBe(true);
    expect(r.rules.get('discount')).toMatchObject({
      lower: { value: 0, strict: false },
      upper: { value: 50, strict: false },
    });
    expect(r.rules.get('qty')?.lower).toEqual({ value: 0, strict: true });
    expect(r.rules.get('Mixed Case')?.allowed?.map((v) => v.sql)).toEqual(["'x'", "'y'"]);
    expect(r.rules.get('code')).toMatchObject({ minLength: 3, maxLength: 3 });
  });

  it('says so when a shape is not understood, keeping the parts it did read', () => {
    const r = lite('a < b AND a >= 1', 'a', 'b');
    expect(r.understood).toBe(false);
    expect(r.rules.get('a')?.lower).toEqual({ value: 1, strict: false });
    expect(lite("typeof(x) = 'integer'", 'x').understood).toBe(false);
    expect(lite('x > 1 OR x < -1', 'x').understood).toBe(false);
  });
});

describe('mergeRules and substituteValue', () => {
  it('keeps the tighter bound and the common list values', () => {
    const a = {
      ...emptyRules(),
      lower: { value: 0, strict: false },
      upper: { value: 10, strict: false },
    };
    const b = {
      ...emptyRules(),
      lower: { value: 0, strict: true },
      allowed: [
        { sql: '1', number: 1 },
        { sql: '2', number: 2 },
      ],
    };
    const c = {
      ...emptyRules(),
      upper: { value: 5, strict: false },
      allowed: [{ sql: '2', number: 2 }],
    };
    expect(mergeRules(mergeRules(a, b), c)).toEqual({
      lower: { value: 0, strict: true },
      upper: { value: 5, strict: false },
      allowed: [{ sql: '2', number: 2 }],
      minLength: null,
      maxLength: null,
    });
  });

  it('replaces the word VALUE of a domain check, not the text inside strings', () => {
    expect(substituteValue("VALUE > 0 AND VALUE <> 'VALUE'", '"My ""col"""')).toBe(
      `"My ""col""" > 0 AND "My ""col""" <> 'VALUE'`,
    );
  });
});
