// A card's header: tags after the name and a tooltip with the table-wide facts, read from
// real catalogs.
import { describe, expect, it } from 'vitest';
import { newSqlite } from '../helpers/sqlite';
import { newPGlite } from '../helpers/pg';
import { pgQuery, sqliteQuery } from '../schema/engines';
import { introspectSqlite } from '../../../src/engine/introspect/sqlite';
import { introspectPostgres } from '../../../src/engine/introspect/postgres';
import { headerTags } from '../../../src/erd/card-content';
import { cardMarkup, headerDetails } from '../../../src/erd/card-markup';
import { buildLayoutGraph, DEFAULT_METRICS } from '../../../src/erd/layout';
import { findRelation, type Relation, type SchemaModel } from '../../../src/schema/model';

function rel(model: SchemaModel, key: string): Relation {
  const r = findRelation(model, key);
  if (!r) throw new Error(`no relation ${key}`);
  return r;
}

describe('card header on Postgres', () => {
  it('tags RLS, partitions and views, and lists policies, checks and triggers', async () => {
    const pg = await newPGlite();
    await pg.exec(`
      create table account (id int primary key, owner text not null,
        balance numeric constraint balance_positive check (balance >= 0));
      comment on table account is 'One row per customer account';
      alter table account enable row level security;
      create policy own_rows on account for select using (owner = current_user);
      create function touch() returns trigger language plpgsql as $$ begin return new; end $$;
      create trigger account_touch before insert or update on account
        for each row execute function touch();
      create table event (id int, at date not null) partition by range (at);
      create table event_2024 partition of event
        for values from ('2024-01-01') to ('2025-01-01');
      create view rich as select * from account where balance > 1000;`);
    const model = await introspectPostgres(pgQuery(pg));
    await pg.close();

    const account = rel(model, 'public.account');
    expect(headerTags(account)).toEqual(['RLS']);
    expect(headerDetails(account).split('\n')).toEqual([
      'table public.account',
      'One row per customer account',
      'row-level security',
      'policy own_rows: select to public using (owner = CURRENT_USER)',
      'check balance_positive: balance >= 0::numeric',
      'trigger account_touch: before insert or update for each row',
    ]);
    expect(headerTags(rel(model, 'public.event'))).toEqual(['partitioned table']);
    expect(headerDetails(rel(model, 'public.event'))).toContain('partitioned by RANGE (at)');
    expect(headerTags(rel(model, 'public.event_2024'))).toEqual(['partition']);
    expect(headerDetails(rel(model, 'public.event_2024'))).toContain(
      "partition of public.event FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
    );
    expect(headerTags(rel(model, 'public.rich'))).toEqual(['view']);

    // The tags widen the card so they fit beside the name, and both are escaped text.
    const narrow = {
      ...account,
      name: 'accounts_of_customers',
      columns: account.columns.slice(0, 1),
    };
    const plain = { ...narrow, rowSecurity: { enabled: false, forced: false } };
    const width = (r: Relation) =>
      buildLayoutGraph({ ...model, relations: [r] }, { metrics: DEFAULT_METRICS }).cards[0]
        ?.width ?? 0;
    expect(width(narrow)).toBeGreaterThan(width(plain));
    const svg = cardMarkup(account, 240, 200, { detailed: false, interactive: true });
    expect(svg).toContain('<text class="kind" x="228" y="20" text-anchor="end">RLS</text>');
    expect(svg).toContain('<title>table public.account\nOne row per customer account\n');
  });
});

describe('card header on SQLite', () => {
  it('tags STRICT and WITHOUT ROWID, and explains them with AUTOINCREMENT', async () => {
    const db = await newSqlite();
    db.exec(`
      create table artist (id integer primary key autoincrement, name text not null) strict;
      create table "<b>tag</b>" (k text primary key, v text check (length(v) < 9)) without rowid;`);
    const model = await introspectSqlite(sqliteQuery(db));
    db.close();

    const artist = rel(model, 'main.artist');
    expect(headerTags(artist)).toEqual(['STRICT']);
    expect(headerDetails(artist).split('\n')).toEqual([
      'table main.artist',
      'STRICT: column types are enforced',
      'AUTOINCREMENT: ids are never reused',
    ]);
    const hostile = rel(model, 'main.<b>tag</b>');
    expect(headerTags(hostile)).toEqual(['WITHOUT ROWID']);
    expect(headerDetails(hostile)).toContain('check: length(v) < 9');
    const svg = cardMarkup(hostile, 300, 120, { detailed: true, interactive: false });
    expect(svg).toContain('<title>table main.&lt;b&gt;tag&lt;/b&gt;\ncheck: length(v) &lt; 9\n');
    expect(svg).not.toContain('<b>');
  });
});
