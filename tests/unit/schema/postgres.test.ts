// Postgres introspection against a real PGlite: a fixture that covers every element of the
// model, plus timing on a generated 400-table schema.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import { file_fdw } from '@electric-sql/pglite/contrib/file_fdw';
import { pg_buffercache } from '@electric-sql/pglite/contrib/pg_buffercache';
import { newPGlite } from '../helpers/pg';
import { pgCount, pgQuery } from './engines';
import { bigPostgresSchema } from './generate';
import { introspectPostgres } from '../../../src/engine/introspect/postgres';
import {
  findRelation,
  isForeignKeyIndexed,
  type Relation,
  type SchemaModel,
} from '../../../src/schema/model';

const FULL = readFileSync(join(import.meta.dirname, 'fixtures', 'pg-full.sql'), 'utf8');

function rel(model: SchemaModel, key: string): Relation {
  const r = findRelation(model, key);
  if (!r) throw new Error(`no relation ${key}`);
  return r;
}

describe('introspectPostgres on the full fixture', () => {
  let db: PGlite;
  let model: SchemaModel;
  beforeAll(async () => {
    db = await newPGlite({ extensions: { file_fdw, pg_buffercache } });
    await db.exec(FULL);
    model = await introspectPostgres(pgQuery(db));
  });
  afterAll(() => db.close());

  it('lists user schemas and relations of every kind, without system or extension objects', () => {
    expect(model.engine).toBe('postgres');
    expect(model.schemas).toEqual(['public', 'shop']);
    expect(model.relations.map((r) => `${r.key}:${r.kind}`)).toEqual([
      'public.car:table',
      'public.measurement:partitioned-table',
      'public.measurement_2024:table',
      'public.measurement_2025:table',
      'public.ticket:table',
      'public.vehicle:table',
      'shop.big_orders:view',
      'shop.customer:table',
      'shop.order_counts:materialized-view',
      'shop.order_line:table',
      'shop.orders:table',
      'shop.price_feed:foreign-table',
      'shop.product:table',
      'shop.shipment:table',
    ]);
  });

  it('reads columns: types, defaults, identity, generated, collation, comments', () => {
    const customer = rel(model, 'shop.customer');
    expect(customer.comment).toBe('People who buy');
    const [id, email, name, referredBy, createdAt] = customer.columns;
    expect(id).toMatchObject({ name: 'id', type: 'integer', identity: 'always', nullable: false });
    expect(id?.isPrimaryKey).toBe(true);
    expect(email).toMatchObject({ collation: 'C', comment: 'Login address', isUnique: true });
    expect(name?.collation).toBe('shop.ci');
    expect(referredBy).toMatchObject({ nullable: true, isForeignKey: true });
    expect(createdAt).toMatchObject({ type: 'timestamp with time zone', default: 'now()' });

    const product = rel(model, 'shop.product');
    const col = (n: string) => product.columns.find((c) => c.name === n);
    expect(col('tags')).toMatchObject({ type: 'text[]', default: "'{}'::text[]" });
    expect(col('price')?.type).toBe('shop.positive_money');
    expect(col('price_with_tax')?.generated).toEqual({
      kind: 'stored',
      expression: '((price)::numeric * 1.2)',
    });
    expect(col('title_length')?.generated).toEqual({
      kind: 'virtual',
      expression: 'length(title)',
    });
    expect(rel(model, 'shop.orders').columns[0]?.identity).toBe('by-default');
  });

  it('reads primary keys, unique and check constraints with their flags', () => {
    expect(rel(model, 'shop.order_line').primaryKey).toEqual({
      name: 'order_line_pkey',
      columns: ['order_id', 'line_no'],
    });
    expect(rel(model, 'shop.shipment').uniques).toEqual([
      { name: 'shipment_carrier_uq', columns: ['carrier', 'order_id'], nullsNotDistinct: true },
    ]);
    const checks = rel(model, 'shop.product').checks;
    expect(checks.map((c) => [c.name, c.expression, c.columns])).toEqual([
      ['product_title_check', 'length(title) >= 1 AND length(title) <= 200', ['title']],
      ['product_weight_g_check', 'weight_g > 0', ['weight_g']],
    ]);
    const qty = rel(model, 'shop.order_line').checks[0];
    expect(qty).toMatchObject({
      name: 'order_line_qty_positive',
      validated: false,
      enforced: true,
    });
    const carrier = rel(model, 'shop.shipment').checks[0];
    expect(carrier).toMatchObject({ name: 'shipment_carrier_len', enforced: false });
  });

  it('reads foreign keys: composite, self-referencing, actions, deferrable, NOT VALID', () => {
    const self = rel(model, 'shop.customer').foreignKeys[0];
    expect(self).toMatchObject({
      columns: ['referred_by'],
      referencedKey: 'shop.customer',
      referencedColumns: ['id'],
      onDelete: 'set null',
    });
    expect(rel(model, 'shop.orders').foreignKeys[0]).toMatchObject({
      name: 'orders_customer_fk',
      onDelete: 'cascade',
      onUpdate: 'restrict',
      deferrable: true,
      initiallyDeferred: true,
      fkCoveredBy: null,
    });
    const [composite, notValid] = rel(model, 'shop.shipment').foreignKeys;
    expect(composite).toMatchObject({
      name: 'shipment_line_fk',
      columns: ['line_no', 'order_id'],
      referencedKey: 'shop.order_line',
      referencedColumns: ['line_no', 'order_id'],
      match: 'full',
      // Leading columns of shipment_order_line_key are (order_id, line_no): same set.
      fkCoveredBy: 'shipment_order_line_key',
    });
    expect(notValid).toMatchObject({ name: 'shipment_order_fk', validated: false });
    const orderLine = rel(model, 'shop.order_line');
    const [toOrders, toProduct] = orderLine.foreignKeys;
    expect(toOrders?.fkCoveredBy).toBe('order_line_pkey');
    expect(toProduct).toMatchObject({ referencedColumns: ['sku'], onUpdate: 'cascade' });
    expect(toProduct && isForeignKeyIndexed(orderLine, toProduct)).toBe(false);
  });

  it('reads indexes: method, expression, DESC, INCLUDE, partial predicate', () => {
    const idx = (key: string, name: string) => rel(model, key).indexes.find((i) => i.name === name);
    expect(idx('shop.product', 'product_tags_gin')).toMatchObject({
      method: 'gin',
      parts: [{ kind: 'column', column: 'tags', descending: false }],
    });
    expect(idx('shop.product', 'product_lower_title')?.parts).toEqual([
      { kind: 'expression', expression: 'lower(title)', descending: true },
    ]);
    expect(idx('shop.orders', 'orders_open')).toMatchObject({
      include: ['status'],
      predicate: "status <> 'shipped'::shop.order_status",
      definition: expect.stringContaining('INCLUDE (status)') as unknown,
    });
    expect(idx('shop.orders', 'orders_pkey')).toMatchObject({
      primary: true,
      unique: true,
      constraint: 'orders_pkey',
    });
  });

  it('reads row-level security, policies and triggers', () => {
    const orders = rel(model, 'shop.orders');
    expect(orders.rowSecurity).toEqual({ enabled: true, forced: true });
    expect(orders.policies).toEqual([
      {
        name: 'insert_orders',
        command: 'insert',
        permissive: false,
        roles: ['postgres'],
        using: null,
        withCheck: "status = 'new'::shop.order_status",
      },
      {
        name: 'own_orders',
        command: 'select',
        permissive: true,
        roles: ['public'],
        using: "customer_id = current_setting('app.customer'::text)::integer",
        withCheck: null,
      },
    ]);
    expect(orders.triggers.map(({ definition: _, ...t }) => t)).toEqual([
      {
        name: 'orders_audit',
        timing: 'after',
        events: ['delete'],
        updateColumns: [],
        level: 'statement',
        function: 'shop.touch',
        when: null,
        enabled: true,
      },
      {
        name: 'orders_touch',
        timing: 'before',
        events: ['insert', 'update'],
        updateColumns: ['status'],
        level: 'row',
        function: 'shop.touch',
        when: 'new.status IS NOT NULL',
        enabled: true,
      },
    ]);
  });

  it('reads partitions, inheritance, views and materialized views', () => {
    expect(rel(model, 'public.measurement').partitionKey).toBe('RANGE (logdate)');
    expect(rel(model, 'public.measurement_2024')).toMatchObject({
      partitionOf: 'public.measurement',
      partitionBound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
      inherits: [],
    });
    expect(rel(model, 'public.car')).toMatchObject({
      inherits: ['public.vehicle'],
      partitionOf: null,
    });
    expect(rel(model, 'shop.big_orders').viewDefinition).toContain('FROM shop.orders o');
    expect(rel(model, 'shop.order_counts').columns.map((c) => c.name)).toEqual([
      'customer_id',
      'n',
    ]);
    expect(rel(model, 'shop.price_feed').comment).toBe('Nightly prices');
  });

  it('reads enums, domains and sequences', () => {
    expect(model.enums).toEqual([
      {
        key: 'shop.order_status',
        schema: 'shop',
        name: 'order_status',
        labels: ['new', 'paid', 'shipped'],
        comment: 'Lifecycle',
      },
    ]);
    expect(model.domains).toEqual([
      {
        key: 'shop.positive_money',
        schema: 'shop',
        name: 'positive_money',
        baseType: 'numeric(12,2)',
        notNull: true,
        default: '0',
        collation: null,
        checks: [{ name: 'positive_money_check', expression: 'VALUE >= 0::numeric' }],
        comment: null,
      },
    ]);
    const seq = (k: string) => model.sequences.find((s) => s.key === k);
    expect(seq('public.ticket_seq')).toMatchObject({ start: '100', increment: '5', ownedBy: null });
    expect(seq('public.ticket_id_seq')).toMatchObject({
      ownedBy: { relationKey: 'public.ticket', column: 'id' },
      identity: false,
    });
    expect(seq('shop.orders_id_seq')).toMatchObject({ type: 'bigint', identity: true });
  });
});

describe('introspectPostgres at scale', () => {
  it('introspects 400 tables and 798 foreign keys with one statement (logs the time)', async () => {
    const db = await newPGlite();
    await db.exec(bigPostgresSchema(400));
    const statements: string[] = [];
    const query = pgQuery(db);
    const counting = (sql: string) => {
      statements.push(sql);
      return query(sql);
    };
    const times: number[] = [];
    let model: SchemaModel | undefined;
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      model = await introspectPostgres(counting);
      times.push(performance.now() - started);
    }
    const warm = times.slice(1).sort((a, b) => a - b);
    console.log(
      `introspectPostgres, 400 tables: first ${times[0]?.toFixed(0)} ms, ` +
        `warm median ${warm[Math.floor(warm.length / 2)]?.toFixed(0)} ms`,
    );
    expect(statements.length).toBe(5);
    expect(model?.relations.length).toBe(
      await pgCount(db, "select count(*) from pg_tables where schemaname = 'public'"),
    );
    expect(model?.relations.reduce((n, r) => n + r.foreignKeys.length, 0)).toBe(
      await pgCount(db, "select count(*) from pg_constraint where contype = 'f'"),
    );
    await db.close();
  });
});
