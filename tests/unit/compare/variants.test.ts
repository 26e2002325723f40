// Per-engine variants: the scripts each engine runs, the blocks that pair them, and clear
// errors with line numbers for malformed markers.
import { describe, expect, it } from 'vitest';
import { splitVariants, sectionAt, type CompareScripts } from '../../../src/compare/variants';
import { splitScript } from '../../../src/engine/split';

const SCRIPT = [
  'create table a (x int);', // line 1
  '-- @postgres', // 2
  'create table t (id serial primary key);', // 3
  '-- @sqlite', // 4
  'create table t (id integer primary key autoincrement);', // 5
  '-- @end', // 6
  'insert into t default values;', // 7
].join('\n');

function ok(script: string): CompareScripts {
  const r = splitVariants(script);
  if (!r.ok) throw new Error(`expected success, got: ${r.message}`);
  return r;
}

function statements(script: string, dialect: 'postgres' | 'sqlite'): string[] {
  return splitScript(script, dialect).map((s) => s.text);
}

describe('splitVariants', () => {
  it('gives each engine its own section and keeps the shared statements', () => {
    const r = ok(SCRIPT);
    expect(statements(r.scripts.postgres, 'postgres')).toEqual([
      'create table a (x int)',
      'create table t (id serial primary key)',
      'insert into t default values',
    ]);
    expect(statements(r.scripts.sqlite, 'sqlite')).toEqual([
      'create table a (x int)',
      'create table t (id integer primary key autoincrement)',
      'insert into t default values',
    ]);
  });

  it('keeps offsets and line breaks, so positions need no mapping', () => {
    const r = ok(SCRIPT);
    for (const engine of ['postgres', 'sqlite'] as const) {
      expect(r.scripts[engine]).toHaveLength(SCRIPT.length);
      expect(r.scripts[engine].split('\n')).toHaveLength(7);
    }
    const insertAt = SCRIPT.indexOf('insert');
    expect(r.scripts.sqlite.indexOf('insert')).toBe(insertAt);
    expect(r.scripts.sqlite.indexOf('serial')).toBe(-1);
    expect(r.scripts.postgres.indexOf('autoincrement')).toBe(-1);
  });

  it('reports the blocks and the section each statement belongs to', () => {
    const r = ok(SCRIPT);
    expect(r.blocks).toHaveLength(1);
    const block = r.blocks[0];
    expect(block?.line).toBe(2);
    expect(block?.from).toBe(SCRIPT.indexOf('-- @postgres'));
    expect(block?.to).toBe(SCRIPT.indexOf('insert'));
    const pgCreate = SCRIPT.indexOf('create table t (id serial');
    const liteCreate = SCRIPT.indexOf('create table t (id integer');
    expect(sectionAt(r.blocks, 'postgres', pgCreate)?.block).toBe(0);
    expect(sectionAt(r.blocks, 'sqlite', liteCreate)?.block).toBe(0);
    expect(sectionAt(r.blocks, 'sqlite', pgCreate)).toBeUndefined();
    expect(sectionAt(r.blocks, 'postgres', 0)).toBeUndefined();
  });

  it('allows a block for one engine only, and scripts without markers', () => {
    const r = ok('-- @sqlite\npragma foreign_keys = on;\n-- @end\nselect 1;');
    expect(statements(r.scripts.postgres, 'postgres')).toEqual(['select 1']);
    expect(statements(r.scripts.sqlite, 'sqlite')).toEqual([
      'pragma foreign_keys = on',
      'select 1',
    ]);
    expect(r.blocks[0]?.sections.postgres).toBeUndefined();
    const plain = ok('select 1; -- a comment\nselect 2;');
    expect(plain.blocks).toEqual([]);
    expect(plain.scripts.postgres).toBe('select 1; -- a comment\nselect 2;');
  });

  it('ignores markers inside strings and block comments', () => {
    const script = "select '\n-- @sqlite\n';\n/*\n-- @end\n*/\nselect 2;";
    const r = ok(script);
    expect(r.blocks).toEqual([]);
    expect(r.scripts.sqlite).toBe(script);
  });

  it('lexes each section with its own dialect', () => {
    // In SQLite `[$$]` is a quoted name; read as Postgres it would open a dollar quote and
    // hide the markers that follow.
    const r = ok('-- @sqlite\nselect 1 as [$$];\n-- @postgres\nselect 1 as "$$";\n-- @end');
    expect(r.blocks).toHaveLength(1);
    expect(Object.keys(r.blocks[0]?.sections ?? {}).sort()).toEqual(['postgres', 'sqlite']);
  });
});

describe('malformed markers', () => {
  const failure = (script: string) => {
    const r = splitVariants(script);
    if (r.ok) throw new Error('expected an error');
    return r;
  };

  it('reports a block that is never closed, at its opening line', () => {
    const r = failure('select 1;\n-- @postgres\nselect 2;\n');
    expect(r.line).toBe(2);
    expect(r.message).toBe(
      'Line 2: The -- @postgres block opened on line 2 is not closed: add -- @end after it.',
    );
  });

  it('reports -- @end without a block', () => {
    const r = failure('select 1;\n\n-- @end\n');
    expect(r.line).toBe(3);
    expect(r.message).toMatch(/^Line 3: -- @end closes nothing/);
  });

  it('reports a second section for the same engine', () => {
    const r = failure('-- @sqlite\nselect 1;\n-- @sqlite\nselect 2;\n-- @end');
    expect(r.line).toBe(3);
    expect(r.message).toMatch(/already has a -- @sqlite section \(opened on line 1\)/);
  });

  it('reports unknown markers and markers after code on the same line', () => {
    const unknown = failure('select 1;\n-- @postgresql\nselect 2;\n-- @end');
    expect(unknown.line).toBe(2);
    expect(unknown.message).toMatch(/Unknown marker @postgresql/);
    const inline = failure('select 1; -- @sqlite\nselect 2;\n-- @end');
    expect(inline.line).toBe(1);
    expect(inline.column).toBe(11);
    expect(inline.message).toMatch(/must be on a line of its own/);
  });

  it('reports a marker inside an unfinished statement', () => {
    const r = failure('select 1\n-- @sqlite\nfrom t;\n-- @end');
    expect(r.line).toBe(2);
    expect(r.message).toMatch(/end the statement above it with a semicolon/);
  });
});
