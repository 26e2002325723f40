// Chinook (both engines) and Pagila from ../shared/fixtures. The expected counts come from
// independent catalog queries on the same database, not from the adapters' own output.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newPGlite } from '../helpers/pg';
import { newSqlite } from '../helpers/sqlite';
import { fixture, pgCount, pgQuery, runPsqlScript, sqliteQuery } from './engines';
import { introspectPostgres } from '../../../src/engine/introspect/postgres';
import { introspectSqlite } from '../../../src/engine/introspect/sqlite';
import type { SchemaModel } from '../../../src/schema/model';

const chinookPg = fixture('chinook/Chinook_PostgreSql.sql');
const chinookSqlite = fixture('chinook/Chinook_Sqlite.sql');
const pagila = fixture('pagila/pagila-schema.sql');
const missing = ' (skipped: ../shared/fixtures not present)';

const fkCount = (m: SchemaModel): number =>
  m.relations.reduce((n, r) => n + r.foreignKeys.length, 0);
const tables = (m: SchemaModel) => m.relations.filter((r) => r.kind === 'table');

/** Foreign keys the way the ERD counts them: declared ones, not clones on partitions. */
const PG_FK_COUNT = `select count(*) from pg_constraint c join pg_namespace n on n.oid = c.connamespace
  where c.contype = 'f' and c.conparentid = 0 and n.nspname not like 'pg\\_%'`;

describe('shared fixtures', () => {
  it.skipIf(!chinookPg)(`Chinook on Postgres${chinookPg ? '' : missing}`, async () => {
    const db = await newPGlite();
    const failures = await runPsqlScript(db, chinookPg ?? '');
    expect(failures).toEqual([]);
    const model = await introspectPostgres(pgQuery(db));
    expect(tables(model).length).toBe(
      await pgCount(db, "select count(*) from pg_tables where schemaname = 'public'"),
    );
    expect(tables(model).length).toBe(11);
    expect(fkCount(model)).toBe(await pgCount(db, PG_FK_COUNT));
    // Chinook indexes every foreign key.
    for (const r of model.relations) {
      for (const fk of r.foreignKeys) expect(fk.fkCoveredBy, `${r.key}.${fk.name}`).not.toBeNull();
    }
    await db.close();
  });

  it.skipIf(!chinookSqlite)(`Chinook on SQLite${chinookSqlite ? '' : missing}`, async () => {
    const db = await newSqlite();
    db.exec(readFileSync(chinookSqlite ?? '', 'utf8'));
    const model = await introspectSqlite(sqliteQuery(db));
    const count = (sql: string) => Number(db.exec(sql)[0]?.values[0]?.[0]);
    expect(tables(model).length).toBe(
      count("select count(*) from sqlite_schema where type = 'table' and name not like 'sqlite_%'"),
    );
    expect(fkCount(model)).toBe(
      count(
        `select count(distinct m.name || '/' || f.id) from sqlite_schema m
         join pragma_foreign_key_list(m.name) f where m.type = 'table'`,
      ),
    );
    const track = model.relations.find((r) => r.name === 'Track');
    expect(track?.foreignKeys.map((f) => f.referencedKey).sort()).toEqual([
      'main.Album',
      'main.Genre',
      'main.MediaType',
    ]);
    db.close();
  });

  it.skipIf(!pagila)(`Pagila on Postgres${pagila ? '' : missing}`, async () => {
    const db = await newPGlite();
    const failures = await runPsqlScript(db, pagila ?? '');
    // PGlite ships no pgvector: the extension, its one table and that table's index, FK,
    // PK and owner statements fail. Everything else must load.
    console.log(
      `Pagila: ${failures.length} statements failed:`,
      failures.map((f) => f.error),
    );
    for (const f of failures) expect(`${f.sql}\n${f.error}`).toMatch(/vector|film_embedding/);
    const model = await introspectPostgres(pgQuery(db));
    expect(model.relations.filter((r) => r.kind !== 'view').length).toBe(
      await pgCount(
        db,
        'select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace ' +
          "where n.nspname = 'public' and c.relkind in ('r', 'p', 'm', 'f')",
      ),
    );
    expect(model.relations.filter((r) => r.kind === 'view').length).toBe(
      await pgCount(db, "select count(*) from pg_views where schemaname = 'public'"),
    );
    expect(fkCount(model)).toBe(await pgCount(db, PG_FK_COUNT));
    const payment = model.relations.find((r) => r.key === 'public.payment');
    expect(payment?.kind).toBe('partitioned-table');
    const partitions = model.relations.filter((r) => r.partitionOf === 'public.payment');
    expect(partitions.length).toBe(
      await pgCount(
        db,
        "select count(*) from pg_inherits where inhparent = 'public.payment'::regclass",
      ),
    );
    expect(model.enums.map((e) => e.name)).toContain('mpaa_rating');
    expect(model.domains.map((d) => d.name)).toEqual(expect.arrayContaining(['year', 'bıgınt']));
    const film = model.relations.find((r) => r.key === 'public.film');
    expect(film?.triggers.map((t) => t.name)).toEqual(
      expect.arrayContaining(['film_fulltext_trigger', 'last_updated']),
    );
    await db.close();
  });
});
