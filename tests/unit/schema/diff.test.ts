import { describe, expect, it } from 'vitest';
import { newSqlite } from '../helpers/sqlite';
import { sqliteQuery } from './engines';
import { introspectSqlite } from '../../../src/engine/introspect/sqlite';
import { diffSchemas, layoutFingerprint, relationFingerprint } from '../../../src/schema/diff';
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
