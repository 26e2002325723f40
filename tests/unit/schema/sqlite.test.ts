// SQLite introspection against a real sql.js database.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { newSqlite } from '../helpers/sqlite';
import { sqliteQuery } from './engines';
import { introspectSqlite } from '../../../src/engine/introspect/sqlite';
import { findRelation, type Relation, type SchemaModel } from '../../../src/schema/model';

const FULL = readFileSync(join(import.meta.dirname, 'fixtures', 'sqlite-full.sql'), 'utf8');

function rel(model: SchemaModel, name: string): Relation {
  const r = findRelation(model, `main.${name}`);
  if (!r) throw new Error(`no relation ${name}`);
  return r;
}

describe('introspectSqlite on the full fixture', () => {
  let model: SchemaModel;
  beforeAll(async () => {
    const db = await newSqlite();
    db.exec(FULL);
    model = await introspectSqlite(sqliteQuery(db));
    db.close();
  });

  it('lists tables and views with their SQLite options', () => {
    expect(model.schemas).toEqual(['main']);
    expect(model.relations.map((r) => `${r.key}:${r.kind}`)).toEqual([
      'main.album:table',
      'main.artist:table',
      'main.long_tracks:view',
      'main.setting:table',
      'main.track:table',
    ]);
    expect(rel(model, 'album').sqlite).toEqual({
      withoutRowid: true,
      strict: false,
      autoincrement: false,
    });
    expect(rel(model, 'setting').sqlite?.strict).toBe(true);
    expect(rel(model, 'artist').sqlite?.autoincrement).toBe(true);
    expect(rel(model, 'long_tracks').viewDefinition).toBe(
      'SELECT id, name FROM track WHERE ms > 600000',
    );
  });

  it('reads columns: declared type, nullability, defaults, collation, generated', () => {
    const artist = rel(model, 'artist');
    expect(artist.columns.map((c) => [c.name, c.type, c.nullable])).toEqual([
      ['id', 'INTEGER', false],
      ['name', 'TEXT', false],
      ['sort name', 'TEXT', true],
      ['born', 'INTEGER', true],
    ]);
    expect(artist.columns[1]).toMatchObject({ collation: 'NOCASE', isUnique: true });
    expect(artist.columns[3]?.default).toBe('1900');
    const album = rel(model, 'album');
    expect(album.columns.find((c) => c.name === 'title')?.default).toBe("'Untitled'");
    expect(album.columns.find((c) => c.name === 'title_lower')?.generated).toEqual({
      kind: 'virtual',
      expression: 'lower(title)',
    });
    expect(album.columns.find((c) => c.name === 'title_len')?.generated).toEqual({
      kind: 'stored',
      expression: 'length(title)',
    });
    // STRICT makes the TEXT primary key NOT NULL; a plain rowid table would not.
    expect(rel(model, 'setting').columns[0]?.nullable).toBe(false);
  });

  it('reads keys, named constraints and CHECKs from the CREATE text', () => {
    expect(rel(model, 'album').primaryKey).toEqual({
      name: 'album_pk',
      columns: ['artist_id', 'no'],
    });
    expect(rel(model, 'artist').primaryKey).toEqual({ name: null, columns: ['id'] });
    expect(rel(model, 'track').uniques).toEqual([
      { name: null, columns: ['album_no', 'name'], nullsNotDistinct: false },
    ]);
    expect(rel(model, 'artist').checks.map((c) => [c.name, c.expression, c.columns])).toEqual([
      ['sort_name_len', 'length("sort name") < 100', ['sort name']],
      [null, 'born > 1000', ['born']],
    ]);
    expect(rel(model, 'album').checks[0]).toMatchObject({
      expression: "no > 0 AND (title <> 'x)' OR no < 5)",
      columns: ['no', 'title'],
    });
  });

  it('reads foreign keys: composite, self, implicit PK target, case-folded names', () => {
    expect(rel(model, 'album').foreignKeys).toEqual([
      {
        name: 'album_artist_fk',
        columns: ['artist_id'],
        referencedKey: 'main.artist',
        referencedColumns: ['id'],
        onDelete: 'cascade',
        onUpdate: 'set null',
        match: 'simple',
        deferrable: true,
        initiallyDeferred: true,
        validated: true,
        enforced: true,
        fkCoveredBy: 'sqlite_autoindex_album_1',
      },
    ]);
    const [self, composite] = rel(model, 'track').foreignKeys;
    expect(self).toMatchObject({
      columns: ['previous_id'],
      referencedKey: 'main.track',
      referencedColumns: ['id'],
      onDelete: 'set null',
      fkCoveredBy: null,
    });
    expect(composite).toMatchObject({
      columns: ['artist_id', 'album_no'],
      referencedKey: 'main.album',
      referencedColumns: ['artist_id', 'no'],
      fkCoveredBy: 'track_album',
    });
  });

  it('reads indexes: autoindexes, expressions, DESC, partial predicates', () => {
    const byName = new Map(rel(model, 'track').indexes.map((i) => [i.name, i]));
    expect(byName.get('track_long')).toMatchObject({
      parts: [{ kind: 'column', column: 'ms', descending: true }],
      predicate: "ms > 600000 AND name <> 'where ('",
    });
    expect(byName.get('track_name_lower')?.parts).toEqual([
      { kind: 'expression', expression: 'lower(name)', descending: false },
      { kind: 'column', column: 'ms', descending: false },
    ]);
    expect(byName.get('sqlite_autoindex_track_1')).toMatchObject({
      unique: true,
      definition: null,
    });
    expect(rel(model, 'album').indexes[0]).toMatchObject({ primary: true, constraint: 'album_pk' });
  });

  it('reads triggers from their CREATE text', () => {
    expect(rel(model, 'track').triggers.map(({ definition: _, ...t }) => t)).toEqual([
      {
        name: 'track_touch',
        timing: 'after',
        events: ['update'],
        updateColumns: ['name', 'ms'],
        when: 'new.ms IS NOT NULL',
        level: 'row',
        function: null,
        enabled: true,
      },
    ]);
    expect(rel(model, 'long_tracks').triggers[0]).toMatchObject({
      timing: 'instead of',
      events: ['insert'],
    });
  });
});

describe('introspectSqlite edge cases', () => {
  it('survives a view over a dropped table (the joined pragma query fails)', async () => {
    const db = await newSqlite();
    db.exec('create table t (id int); create view v as select id from t; create table u (x int);');
    db.exec('drop table t');
    const model = await introspectSqlite(sqliteQuery(db));
    expect(model.relations.map((r) => [r.name, r.columns.length])).toEqual([
      ['u', 1],
      ['v', 0],
    ]);
    db.close();
  });

  it('leaves virtual-table shadow tables out and marks the virtual table', async () => {
    const db = await newSqlite();
    db.exec('create virtual table docs using fts3(body)');
    const model = await introspectSqlite(sqliteQuery(db));
    expect(model.relations.map((r) => `${r.name}:${r.kind}`)).toEqual(['docs:virtual-table']);
    expect(model.relations[0]?.columns.map((c) => c.name)).toEqual(['body']);
    db.close();
  });

  it('uses a fixed number of queries for 400 tables (logs the time)', async () => {
    const db = await newSqlite();
    const ddl: string[] = [];
    for (let i = 0; i < 400; i++) {
      const fk =
        i > 0 ? `, parent int references t${i - 1} (id), other int references t${i >> 1}` : '';
      ddl.push(
        `create table t${i} (id integer primary key, name text not null check (name <> '')${fk});`,
      );
      if (i > 0) ddl.push(`create index t${i}_parent on t${i} (parent);`);
    }
    db.exec(ddl.join('\n'));
    let queries = 0;
    const query = sqliteQuery(db);
    const started = performance.now();
    const model = await introspectSqlite((sql) => (queries++, query(sql)));
    console.log(`introspectSqlite, 400 tables: ${(performance.now() - started).toFixed(0)} ms`);
    expect(queries).toBe(5);
    expect(model.relations.length).toBe(400);
    expect(model.relations.reduce((n, r) => n + r.foreignKeys.length, 0)).toBe(798);
    db.close();
  });
});
