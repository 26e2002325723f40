import { describe, expect, it } from 'vitest';
import {
  exportJson,
  exportSql,
  fileNameFor,
  parseJsonImport,
  parseSqlImport,
} from '../../../src/share/files';
import { memoryLibrary } from '../../../src/share/library';
import type { PlaygroundState } from '../../../src/share/state';
import { defaultState } from '../../../src/share/state';
import { HOSTILE } from './prng';

function full(): PlaygroundState {
  return {
    ...defaultState(),
    name: `Shop ${HOSTILE.join(' ')}`.slice(0, 200),
    scripts: { postgres: 'CREATE TABLE t (id int);\n', sqlite: HOSTILE.join('\n') },
    compareScript: 'select 1',
    view: 'plan',
    positions: { postgres: { 'public.t': { x: 1.5, y: -2 } }, sqlite: {} },
    lesson: { id: 'keys', step: 2 },
  };
}

describe('import and export', () => {
  it('round-trips a playground through .json exactly', async () => {
    const lib = memoryLibrary();
    const rec = await lib.create(full());
    const file = await lib.exportJson(rec.id);
    if (!file) throw new Error('no export');
    expect(file.mimeType).toBe('application/json');
    expect(file.fileName).toMatch(/^shop-.*\.json$/);
    expect(JSON.parse(file.text)).toMatchObject({
      format: 'schemalab-playground',
      version: 1,
      playground: { name: rec.name },
    });
    expect(file.text).toContain('\n  "format"'); // pretty
    const imported = await lib.importJson(file.text);
    if (!imported.ok) throw new Error(imported.message);
    expect(imported.record).toMatchObject({ origin: 'import', revision: 1 });
    expect(imported.record.id).not.toBe(rec.id);
    expect(imported.record.state).toStrictEqual(rec.state);
  });

  it('explains what is wrong with a bad .json file', () => {
    const env = (playground: unknown, extra: object = {}): string =>
      JSON.stringify({ format: 'schemalab-playground', version: 1, playground, ...extra });
    const cases: [string, RegExp][] = [
      ['{"format": ', /isn’t valid JSON/],
      ['[1]', /no “format” field/],
      ['{"format": "figma"}', /its format is "figma"/],
      [env({ state: defaultState() }, { version: 2 }), /newer Schemalab \(file version 2\)/],
      [env({ state: defaultState() }, { version: '1' }), /no valid version number/],
      [env({}), /playground\.state should be an object, not missing/],
      [
        env({ state: { ...defaultState(), mode: 'solo' } }),
        /playground\.state\.mode should be one of 'single', 'compare', not "solo"/,
      ],
      ['x'.repeat(20_000_001), /too big/],
    ];
    for (const [text, message] of cases) {
      const r = parseJsonImport(text);
      expect(r.ok, text.slice(0, 40)).toBe(false);
      if (!r.ok) expect(r.message, text.slice(0, 40)).toMatch(message);
    }
    expect(parseJsonImport('\ufeff' + env({ state: defaultState() })).ok).toBe(true);
  });

  it('imports and exports .sql for one engine', async () => {
    const lib = memoryLibrary();
    const r = await lib.importSql('\ufeffCREATE TABLE a (id INTEGER);', 'sqlite', 'my-schema.sql');
    if (!r.ok) throw new Error(r.message);
    expect(r.record.state).toMatchObject({
      name: 'my-schema',
      activeEngine: 'sqlite',
      scripts: { sqlite: 'CREATE TABLE a (id INTEGER);', postgres: '' },
    });
    const file = await lib.exportSql(r.record.id);
    expect(file).toEqual({
      fileName: 'my-schema.sql',
      mimeType: 'application/sql',
      text: '-- my-schema (SQLite), exported from Schemalab\nCREATE TABLE a (id INTEGER);\n',
    });
    expect((await lib.importSql('select 1', 'postgres')).ok && true).toBe(true);
    expect(parseSqlImport('x'.repeat(2_000_001), 'postgres')).toMatchObject({ ok: false });
  });

  it('keeps a hostile name inside the .sql comment', () => {
    const rec = {
      id: 'x',
      name: 'evil\nDROP TABLE users;\r\u2028--',
      state: defaultState(),
      createdAt: 0,
      updatedAt: 0,
      revision: 1,
    };
    const text = exportSql(rec, 'postgres').text;
    expect(text.split('\n')[0]).toBe(
      '-- evil DROP TABLE users; -- (PostgreSQL), exported from Schemalab',
    );
    expect(text.split('\n')).toHaveLength(2);
    expect(exportJson(rec).fileName).toBe('evil-drop-table-users.json');
  });

  it('makes safe file names', () => {
    expect(fileNameFor('Shop schema v2', 'json')).toBe('shop-schema-v2.json');
    expect(fileNameFor('../../etc/passwd', 'sql')).toBe('etc-passwd.sql');
    expect(fileNameFor('<img src=x>', 'sql')).toBe('img-src-x.sql');
    expect(fileNameFor('Übersicht Ökonomie', 'json')).toBe('übersicht-ökonomie.json');
    expect(fileNameFor('', 'json')).toBe('playground.json');
    expect(fileNameFor('😀', 'json')).toBe('playground.json');
  });
});
