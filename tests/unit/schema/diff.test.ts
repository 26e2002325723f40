import { describe, expect, it } from 'vitest';
import { newSqlite } from '../helpers/sqlite';
import { pgQuery, sqliteQuery } from './engines';
import { introspectSqlite } from '../../../src/engine/introspect/sqlite';
import { introspectPostgres } from '../../../src/engine/introspect/postgres';
import {
  diffSchemas,
  layoutFingerprint,
  relationFingerprint,
  sameSchema,
} from '../../../src/schema/diff';
import { newPGlite } from '../helpers/pg';
import type { SchemaModel } from '../../../src/schema/model';

async function modelOf(ddl: string): Promise<SchemaModel> {
  const db = await newSqlite();
  db.exec(ddl);
  const model = await introspectSqlite(sqliteQuery(db));
  db.close();
  return model;
}

const BASE = `
  create table a (id integer primary key, name text);
  create table b (id integer primary key, a_id int references a (id));
  create table c (id integer primary key);`;

describe('diffSchemas', () => {
  it('finds nothing changed between two introspections of the same DDL', async () => {
    const [x, y] = [await modelOf(BASE), await modelOf(BASE)];
    expect(x.relations.map(relationFingerprint)).toEqual(y.relations.map(relationFingerprint));
    expect(diffSchemas(x, y)).toEqual({
      added: [],
      removed: [],
      changed: [],
      unchanged: ['main.a', 'main.b', 'main.c'],
      changedOutsideLayout: [],
    });
  });

  it('reports added, removed and changed relations, and which changes leave the card alone', async () => {
    const before = await modelOf(BASE);
    const after = await modelOf(`
      create table a (id integer primary key, name text, born int);
      create table b (id integer primary key, a_id int references a (id));
      create index b_a on b (a_id);
      create table d (id integer primary key);`);
    expect(diffSchemas(before, after)).toEqual({
      added: ['main.d'],
      removed: ['main.c'],
      changed: ['main.a', 'main.b'],
      unchanged: [],
      // A new index changes b, but not how its card and edges look.
      changedOutsideLayout: ['main.b'],
    });
  });

  it('treats everything as added when there is no previous model', async () => {
    expect(diffSchemas(null, await modelOf(BASE)).added).toEqual(['main.a', 'main.b', 'main.c']);
  });

  it('fingerprints ignore object key order but not content', async () => {
    const [rel] = (await modelOf(BASE)).relations;
    if (!rel) throw new Error('no relation');
    const reordered = Object.fromEntries(Object.entries(rel).reverse()) as typeof rel;
    expect(relationFingerprint(reordered)).toBe(relationFingerprint(rel));
    expect(relationFingerprint({ ...rel, comment: 'x' })).not.toBe(relationFingerprint(rel));
    expect(layoutFingerprint({ ...rel, comment: 'x' })).toBe(layoutFingerprint(rel));
  });
});

describe('sameSchema', () => {
  it('holds across runs that change rows but no object, on both engines, and not after DDL', async () => {
    const pg = await newPGlite();
    try {
      const read = () => introspectPostgres(pgQuery(pg));
      await pg.exec(`
        create type mood as enum ('ok', 'meh');
        create table a (id int primary key, name text, m mood);
        create table b (id int generated always as identity primary key,
                        a_id int references a (id));
        create view v as select a.name from a join b on b.a_id = a.id;`);
      const before = await read();
      await pg.exec(`insert into a values (1, 'x', 'ok'); insert into b (a_id) values (1);
                     analyze; select 1;`);
      const after = await read();
      expect(after).not.toBe(before);
      expect(sameSchema(before, after)).toBe(true);
      await pg.exec('create index b_a on b (a_id);');
      expect(sameSchema(after, await read())).toBe(false);
    } finally {
      await pg.close();
    }
    const db = await newSqlite();
    const read = () => introspectSqlite(sqliteQuery(db));
    db.exec(BASE);
    const before = await read();
    db.exec("insert into a values (1, 'x'); insert into b values (1, 1);");
    expect(sameSchema(before, await read())).toBe(true);
    db.exec('alter table c add column note text;');
    expect(sameSchema(before, await read())).toBe(false);
    db.exec('drop table c;');
    expect(sameSchema(before, await read())).toBe(false);
    db.close();
    expect(sameSchema(undefined, before)).toBe(false);
  });
});
