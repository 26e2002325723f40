import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../src/engine/plan/detect';
import { unframe } from '../../../src/engine/plan/framing';
import { parsePlan } from '../../../src/engine/plan/parse';
import { fixture } from './helpers';

describe('detectFormat', () => {
  it('tells JSON, TEXT, SQLite trees and empty input apart', () => {
    expect(detectFormat(fixture('postgres/01-selective-seq-scan.json')).format).toBe('json');
    expect(detectFormat(fixture('postgres/23-pg14-psql-json-plus.txt')).format).toBe('json');
    expect(detectFormat(fixture('postgres/01-selective-seq-scan.txt')).format).toBe('text');
    expect(detectFormat(fixture('postgres/25-pg15-psql-border2.txt')).format).toBe('text');
    expect(detectFormat(fixture('sqlite/20-cli-correlated.txt')).format).toBe('sqlite-eqp');
    expect(detectFormat(fixture('sqlite/22-cli-raw-rows.txt')).format).toBe('sqlite-eqp');
    expect(detectFormat(' \r\n\t\n').format).toBe('empty');
  });
});

describe('unframe', () => {
  it('drops psql headers, rules, footers and keeps the original line numbers', () => {
    const out = unframe(
      [
        'postgres=# explain select 1;',
        '     QUERY PLAN',
        '---------',
        ' Result  (cost=0.00..0.01 rows=1 width=4)',
        '(1 row)',
        '',
      ].join('\n'),
    );
    expect(out).toEqual([
      { text: ' Result  (cost=0.00..0.01 rows=1 width=4)', line: 4, trailingSpace: false },
    ]);
  });
  it('unwraps a JSON cell that pgAdmin quoted as a whole', () => {
    const out = unframe('"[\n  {""Plan"": {""Node Type"": ""Result""}}\n]"');
    expect(out.map((l) => l.text).join('\n')).toBe('[\n  {"Plan": {"Node Type": "Result"}}\n]');
  });
  it('strips unicode continuation marks and expanded-mode cells', () => {
    expect(unframe(' [   ↵\n ]').map((l) => l.text)).toEqual([' [', ' ]']);
    expect(unframe(fixture('postgres/27-pg17-expanded.txt')).map((l) => l.text)[1]).toBe(
      '  Output: id, customer_id, amount',
    );
  });
});

describe('parsePlan', () => {
  it('reads every supported source into the right engine and format', () => {
    const cases: [string, string, string][] = [
      ['postgres/01-selective-seq-scan.json', 'postgres', 'json'],
      ['postgres/23-pg14-psql-json-plus.txt', 'postgres', 'json'],
      ['postgres/22-pg13-pgadmin-quoted.txt', 'postgres', 'text'],
      ['sqlite/21-cli-compound-old.txt', 'sqlite', 'sqlite-eqp'],
    ];
    for (const [file, engine, format] of cases) {
      const result = parsePlan(fixture(file));
      expect(result.ok && [result.plan.engine, result.plan.format]).toEqual([engine, format]);
      expect(result.ok && result.plan.raw).toBe(fixture(file));
    }
  });
  it('keeps a measured time for SQLite plans', () => {
    const result = parsePlan('QUERY PLAN\n`--SCAN t', { measuredTime: 12.5 });
    expect(result.ok && result.plan.measuredTime).toBe(12.5);
  });
  it('answers with a message, never an exception, whatever it is given', () => {
    const inputs = [
      '',
      'hello',
      '{',
      '[]',
      '{"Plan": 5}',
      '\u0000\u0001',
      'x'.repeat(100_000),
      '->',
      ')))(((',
    ];
    for (const input of inputs) {
      const result = parsePlan(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message.length).toBeGreaterThan(10);
    }
    expect(parsePlan('')).toEqual({
      ok: false,
      error: { message: 'There is nothing to read. Paste the output of EXPLAIN here.' },
    });
  });
});
