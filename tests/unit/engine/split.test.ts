import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModule, scanSync } from 'libpg-query';
import { splitScript, segmentAt, firstLine } from '../../../src/engine/split';
import { tokenize } from '../../../src/engine/lexer';

const texts = (script: string, dialect: 'postgres' | 'sqlite' = 'postgres') =>
  splitScript(script, dialect).map((s) => s.text);

describe('splitScript on Postgres scripts', () => {
  it('splits plain statements and keeps exact ranges', () => {
    const script = 'select 1;\n  select 2 ;\n\nselect 3';
    const segs = splitScript(script, 'postgres');
    expect(segs.map((s) => s.text)).toEqual(['select 1', 'select 2', 'select 3']);
    for (const s of segs) expect(script.slice(s.from, s.to)).toBe(s.text);
    expect(segs[1]?.end).toBe(script.indexOf(';', 12) + 1);
  });

  it('ignores semicolons in strings, identifiers, comments and dollar quotes', () => {
    const script = [
      "select 'a;b', E'it\\'s;', 'x'';y';",
      'select "odd;name" from t; -- comment; here',
      '/* outer; /* nested; */ still comment; */ select 2;',
      'create function f() returns int as $$ select 1; $$ language sql;',
      'create function g() returns text as $body$ begin return $$;$$; end $body$ language plpgsql;',
      "select U&'d\\0061t;a', B'101', X'1F';",
    ].join('\n');
    expect(texts(script)).toEqual([
      "select 'a;b', E'it\\'s;', 'x'';y'",
      'select "odd;name" from t',
      'select 2',
      'create function f() returns int as $$ select 1; $$ language sql',
      'create function g() returns text as $body$ begin return $$;$$; end $body$ language plpgsql',
      "select U&'d\\0061t;a', B'101', X'1F'",
    ]);
  });

  it('keeps BEGIN ATOMIC bodies and parenthesised rules whole', () => {
    const script = `create function add(a int, b int) returns int language sql
begin atomic
  select case when a is null then 0 else a end + b;
  select 1;
end;
create rule r as on insert to t do instead (insert into u values (1); insert into u values (2));
begin; commit;`;
    expect(texts(script)).toEqual([
      'create function add(a int, b int) returns int language sql\nbegin atomic\n  select case when a is null then 0 else a end + b;\n  select 1;\nend',
      'create rule r as on insert to t do instead (insert into u values (1); insert into u values (2))',
      'begin',
      'commit',
    ]);
  });

  it('treats $1 as a parameter and a$b$ as an identifier, not dollar quotes', () => {
    expect(texts('prepare p as select $1; select a$b$ from t; select 1')).toEqual([
      'prepare p as select $1',
      'select a$b$ from t',
      'select 1',
    ]);
  });

  it('recognises psql meta-commands as their own segments', () => {
    const segs = splitScript(
      '\\set ON_ERROR_STOP on\nselect 1;\n\\c mydb\n\\connect other\nselect 2',
      'postgres',
    );
    expect(segs.map((s) => [s.kind, s.text])).toEqual([
      ['meta', '\\set ON_ERROR_STOP on'],
      ['sql', 'select 1'],
      ['meta', '\\c mydb'],
      ['meta', '\\connect other'],
      ['sql', 'select 2'],
    ]);
  });

  it('attaches COPY FROM stdin data up to \\.', () => {
    const script =
      'create table t(a int, b text);\nCOPY t (a, b) FROM stdin;\n1\tx;y\n2\t\\N\n\\.\nselect count(*) from t;';
    const segs = splitScript(script, 'postgres');
    expect(segs.map((s) => s.text)).toEqual([
      'create table t(a int, b text)',
      'COPY t (a, b) FROM stdin',
      'select count(*) from t',
    ]);
    expect(segs[1]?.copyData?.text).toBe('1\tx;y\n2\t\\N\n');
  });

  it('runs an unterminated string to the end instead of failing', () => {
    expect(texts("select 1; select 'oops; select 2")).toEqual([
      'select 1',
      "select 'oops; select 2",
    ]);
  });

  it('drops comment-only tails and handles CRLF', () => {
    expect(texts('select 1;\r\n-- just a comment\r\n/* and this */\r\n')).toEqual(['select 1']);
  });
});

describe('splitScript on SQLite scripts', () => {
  it('keeps trigger bodies with nested CASE … END whole', () => {
    const script = `CREATE TABLE t(a, b);
CREATE TEMP TRIGGER tr AFTER INSERT ON t BEGIN
  UPDATE t SET b = CASE WHEN new.a > 1 THEN 'big' ELSE 'small' END WHERE rowid = new.rowid;
  SELECT 1;
END;
BEGIN; END;`;
    expect(texts(script, 'sqlite')).toEqual([
      'CREATE TABLE t(a, b)',
      "CREATE TEMP TRIGGER tr AFTER INSERT ON t BEGIN\n  UPDATE t SET b = CASE WHEN new.a > 1 THEN 'big' ELSE 'small' END WHERE rowid = new.rowid;\n  SELECT 1;\nEND",
      'BEGIN',
      'END',
    ]);
  });

  it('knows SQLite quoting: [brackets], `backticks`, and non-nested comments', () => {
    expect(texts('select [a;b], `c;d` from t; /* x /* y */ select 2;', 'sqlite')).toEqual([
      'select [a;b], `c;d` from t',
      'select 2',
    ]);
  });

  it('treats a backslash as an ordinary character and dot-commands as meta', () => {
    const segs = splitScript(".mode column\nselect 'a\\';\nselect 2;", 'sqlite');
    expect(segs.map((s) => [s.kind, s.text])).toEqual([
      ['meta', '.mode column'],
      ['sql', "select 'a\\'"],
      ['sql', 'select 2'],
    ]);
  });
});

describe('statement at the cursor', () => {
  const script = 'select 1;\n\nselect 2;\n-- tail';
  const segs = splitScript(script, 'postgres');
  it('finds the statement under or before the cursor', () => {
    expect(segmentAt(segs, 3)?.text).toBe('select 1');
    expect(segmentAt(segs, 10)?.text).toBe('select 1');
    expect(segmentAt(segs, script.indexOf('select 2') + 2)?.text).toBe('select 2');
    expect(segmentAt(segs, script.length)?.text).toBe('select 2');
  });
  it('shortens first lines', () => {
    expect(firstLine('\n\n  create table x (\n a int)')).toBe('create table x (');
    expect(firstLine('x'.repeat(100), 10)).toBe('xxxxxxxxx…');
  });
});

// The real PostgreSQL lexer (libpg-query) is the oracle: every `;` it reports as a token
// must be a `;` token of ours, and no other.
describe('agrees with the PostgreSQL scanner', () => {
  const byteOffsets = (s: string): number[] => {
    const map: number[] = [];
    let b = 0;
    for (let i = 0; i < s.length; i++) {
      map[i] = b;
      const c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) {
        map[i + 1] = b;
        b += 4;
        i++;
      } else b += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
    return map;
  };
  const ours = (s: string): number[] => {
    const map = byteOffsets(s);
    return tokenize(s, 'postgres')
      .filter((t) => t.type === 'semicolon')
      .map((t) => map[t.from] as number);
  };
  const theirs = (s: string): number[] =>
    scanSync(s)
      .tokens.filter((t) => t.text === ';')
      .map((t) => t.start);

  const tricky = [
    "select 'é;ü', \"naïve;\" ; select '😀;' ;",
    "select E'\\\\'; select E'\\'';",
    'select $a$ $$ ; $a$; select $$;$$;',
    '/* a /* b ; */ ; */ select 1; -- ;\nselect 2;',
    "select 'a' 'b;';",
    'select 1 /* x */;',
    "select U&'\\0041;' UESCAPE '!';",
    'select x::text; select a$;',
  ];
  for (const script of tricky) {
    it(`tricky: ${script.slice(0, 30)}`, async () => {
      await loadModule();
      expect(ours(script)).toEqual(theirs(script));
    });
  }

  const fixtures = join(import.meta.dirname, '../../../../shared/fixtures');
  const files = ['chinook/Chinook_PostgreSql.sql', 'pagila/pagila-schema.sql'];
  for (const f of files) {
    const path = join(fixtures, f);
    it.skipIf(!existsSync(path))(
      `${f}${existsSync(path) ? '' : ' (skipped: ../shared/fixtures not present)'}`,
      async () => {
        await loadModule();
        // psql meta-commands are not SQL; the scanner cannot read them, so blank them out.
        const script = readFileSync(path, 'utf8').replace(/^\\.*$/gm, (m) => ' '.repeat(m.length));
        const expected = theirs(script);
        expect(expected.length).toBeGreaterThan(10);
        expect(ours(script)).toEqual(expected);
      },
    );
  }
});
