import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { introspectPostgres, warmPostgresIntrospection } from '../../../src/engine/introspect';
import { PG_WARM_UP_SQL } from '../../../src/engine/introspect/postgres-queries';
import type { PgliteEngine } from '../../../src/engine/pglite';
import { startPg } from '../helpers/engines';

describe('prepared Postgres introspection', () => {
  let pg: PgliteEngine;
  beforeAll(async () => {
    pg = await startPg();
  });
  afterAll(() => pg.close());

  it('sees new tables on every call, and survives DEALLOCATE ALL', async () => {
    const query = (sql: string) => pg.query(sql);
    await pg.run({ script: 'create table a (id int primary key);', stopOnError: true });
    expect(
      (await introspectPostgres(query, { prepared: true })).relations.map((r) => r.key),
    ).toEqual(['public.a']);
    await pg.run({
      script: 'create table b (id int primary key, a_id int references a (id));',
      stopOnError: true,
    });
    const model = await introspectPostgres(query, { prepared: true });
    expect(model.relations.map((r) => r.key)).toEqual(['public.a', 'public.b']);
    expect(model.relations[1]?.foreignKeys[0]?.referencedKey).toBe('public.a');
    await pg.run({
      script: 'deallocate all; alter table b add column note text;',
      stopOnError: true,
    });
    const after = await introspectPostgres(query, { prepared: true });
    expect(after.relations[1]?.columns.map((c) => c.name)).toEqual(['id', 'a_id', 'note']);
  });

  it('warms up on the system catalog’s own tables and leaves the user’s model alone', async () => {
    const seen: string[] = [];
    const query = async (sql: string) => {
      const result = await pg.query(sql);
      if (sql === PG_WARM_UP_SQL) seen.push(String(result.rows[0]?.[0]));
      return result;
    };
    await warmPostgresIntrospection(query);
    expect(seen).toHaveLength(1);
    const catalog = JSON.parse(seen[0] ?? '{}') as {
      relations: { schema: string; name: string; kind: string }[];
      indexes: unknown[];
    };
    const names = catalog.relations.map((r) => `${r.schema}.${r.name}`);
    expect(names).toContain('pg_catalog.pg_class');
    expect(names).toContain('pg_catalog.pg_constraint');
    expect(new Set(catalog.relations.map((r) => r.kind))).toEqual(new Set(['r']));
    expect(catalog.indexes.length).toBeGreaterThan(50);
    const model = await introspectPostgres(query, { prepared: true });
    expect(model.relations.map((r) => r.key)).toEqual(['public.a', 'public.b']);
  });
});
