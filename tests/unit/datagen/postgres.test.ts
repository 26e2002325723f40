// The generator on a real PGlite: a customers ← orders ← order_items shop with every kind of
// constraint, checked afterwards with independent SQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PgliteEngine } from '../../../src/engine/pglite';
import { startPg } from '../helpers/engines';
import { exec, generate, one, planError, topShare } from './helpers';

const SHOP = `
CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped', 'cancelled');
CREATE DOMAIN amount AS numeric(10, 2) CHECK (VALUE >= 0);
CREATE TABLE customers (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name varchar(10) NOT NULL,
  city text NOT NULL,
  referred_by integer REFERENCES customers (id),
  birth_date date NOT NULL,
  vip boolean NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE products (
  sku varchar(12) PRIMARY KEY,
  title text NOT NULL,
  price numeric(8, 2) NOT NULL CHECK (price > 0),
  tags text[] NOT NULL,
  attrs jsonb NOT NULL
);
CREATE TABLE orders (
  id bigserial PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES customers (id),
  status order_status NOT NULL,
  total amount NOT NULL,
  discount smallint NOT NULL CHECK (discount BETWEEN 0 AND 50),
  placed_at timestamp NOT NULL,
  note varchar(10) NOT NULL,
  ref uuid NOT NULL UNIQUE
);
CREATE TABLE order_items (
  order_id bigint NOT NULL REFERENCES orders (id),
  line_no integer NOT NULL,
  product_sku varchar(12) NOT NULL REFERENCES products (sku),
  quantity integer NOT NULL CHECK (quantity > 0 AND quantity <= 100),
  unit_price numeric(8, 2) NOT NULL CHECK (unit_price >= 0),
  PRIMARY KEY (order_id, line_no)
);
CREATE TABLE returns (
  order_id bigint NOT NULL,
  line_no integer NOT NULL,
  reason text NOT NULL,
  FOREIGN KEY (order_id, line_no) REFERENCES order_items (order_id, line_no)
);`;

/** Rows of `child` whose key finds no parent (must be 0). */
const orphans = (child: string, fk: string, parent: string, key = 'id'): string =>
  `SELECT count(*) FROM ${child} c LEFT JOIN ${parent} p ON p.${key} = c.${fk} WHERE c.${fk} IS NOT NULL AND p.${key} IS NULL`;

describe('generator on Postgres', () => {
  let pg: PgliteEngine;
  beforeEach(async () => {
    pg = await startPg();
    await exec(pg, SHOP);
  });
  afterEach(() => pg.close());

  it('fills the grandchild and, first, the parents it needs, keeping every constraint', async () => {
    const { plan, result, lines } = await generate(pg, 'public.order_items', 20_000);
    const order = plan.steps.map((s) => s.table);
    expect(order.indexOf('public.customers')).toBeLessThan(order.indexOf('public.orders'));
    expect(order.indexOf('public.orders')).toBeLessThan(order.indexOf('public.order_items'));
    expect(order.indexOf('public.products')).toBeLessThan(order.indexOf('public.order_items'));
    expect(order.at(-1)).toBe('public.order_items');
    expect(lines[0]).toMatch(/^Will add [\d,]+ rows to \w+ first, because \w+ references it\.$/);
    expect(plan.analyze).toContain('ANALYZE "public"."order_items"');

    const counts = {
      items: await one(pg, 'SELECT count(*) FROM order_items'),
      orders: await one(pg, 'SELECT count(*) FROM orders'),
      customers: await one(pg, 'SELECT count(*) FROM customers'),
      products: await one(pg, 'SELECT count(*) FROM products'),
    };
    expect(counts).toEqual({ items: 20_000, orders: 2_000, customers: 200, products: 2_000 });
    expect(result.inserted['public.order_items']).toBe(20_000);

    expect(await one(pg, orphans('order_items', 'order_id', 'orders'))).toBe(0);
    expect(await one(pg, orphans('order_items', 'product_sku', 'products', 'sku'))).toBe(0);
    expect(await one(pg, orphans('orders', 'customer_id', 'customers'))).toBe(0);
    expect(await one(pg, orphans('customers', 'referred_by', 'customers'))).toBe(0);

    expect(await one(pg, 'SELECT count(DISTINCT email) FROM customers')).toBe(200);
    expect(
      await one(pg, "SELECT count(*) FROM customers WHERE email NOT LIKE '%_@example.com'"),
    ).toBe(0);
    expect(await one(pg, 'SELECT count(DISTINCT ref) FROM orders')).toBe(2_000);
    expect(await one(pg, 'SELECT count(*) FROM orders WHERE discount NOT BETWEEN 0 AND 50')).toBe(
      0,
    );
    expect(await one(pg, 'SELECT count(*) FROM orders WHERE total < 0')).toBe(0);
    expect(
      await one(pg, 'SELECT count(*) FROM order_items WHERE quantity NOT BETWEEN 1 AND 100'),
    ).toBe(0);
    expect(await one(pg, 'SELECT count(*) FROM products WHERE price <= 0')).toBe(0);
    expect(await one(pg, 'SELECT max(length(name)) FROM customers')).toBeLessThanOrEqual(10);
    expect(await one(pg, 'SELECT max(length(note)) FROM orders')).toBeLessThanOrEqual(10);
    expect(await one(pg, 'SELECT max(length(product_sku)) FROM order_items')).toBeLessThanOrEqual(
      12,
    );
    // Every enum label shows up, and the columns are not one repeated value.
    expect(await one(pg, 'SELECT count(DISTINCT status) FROM orders')).toBe(4);
    expect(await one(pg, 'SELECT count(DISTINCT city) FROM customers')).toBeGreaterThan(10);
    expect(await one(pg, 'SELECT count(*) FROM products WHERE cardinality(tags) <> 2')).toBe(0);
    expect(await one(pg, "SELECT count(*) FROM products WHERE NOT attrs ? 'tag'")).toBe(0);
    // created_at is NOT NULL, so it is generated (spread over years) despite its now() default.
    expect(await one(pg, 'SELECT count(DISTINCT created_at) FROM customers')).toBeGreaterThan(150);
    // ANALYZE ran: the planner knows the row count.
    expect(await one(pg, "SELECT reltuples FROM pg_class WHERE relname = 'order_items'")).toBe(
      20_000,
    );
  });

  it('spreads children evenly without skew: no parent has more than 5%', async () => {
    await generate(pg, 'public.orders', 10_000);
    expect(await one(pg, 'SELECT count(*) FROM customers')).toBe(1_000);
    expect(await topShare(pg, 'orders', 'customer_id')).toBeLessThanOrEqual(0.05);
    expect(await topShare(pg, 'orders', 'status')).toBeLessThan(0.3);
  });

  it('with skew, the most common value covers a large share', async () => {
    await generate(pg, 'public.orders', 10_000, true);
    expect(await topShare(pg, 'orders', 'customer_id')).toBeGreaterThanOrEqual(0.2);
    expect(await topShare(pg, 'orders', 'status')).toBeGreaterThan(0.3);
    const freq = await one(
      pg,
      "SELECT most_common_freqs[1] FROM pg_stats WHERE tablename = 'orders' AND attname = 'customer_id'",
    );
    expect(freq).toBeGreaterThanOrEqual(0.2);
  });

  it('reuses existing parents and picks whole rows for a composite foreign key', async () => {
    await generate(pg, 'public.order_items', 5_000);
    const { plan } = await generate(pg, 'public.returns', 3_000);
    expect(plan.steps.map((s) => s.table)).toEqual(['public.returns']);
    expect(plan.reused).toEqual([
      { table: 'public.order_items', rows: 5_000, child: 'public.returns' },
    ]);
    expect(await one(pg, 'SELECT count(*) FROM returns')).toBe(3_000);
    const missing = await one(
      pg,
      'SELECT count(*) FROM returns r LEFT JOIN order_items i USING (order_id, line_no) WHERE i.order_id IS NULL',
    );
    expect(missing).toBe(0);
    // Adding more rows to a table with rows continues its unique values.
    await generate(pg, 'public.order_items', 5_000);
    expect(await one(pg, 'SELECT count(*) FROM order_items')).toBe(10_000);
  });

  it('works with hostile schema, table and column names', async () => {
    await exec(
      pg,
      `CREATE SCHEMA "My ""Schema""";
       CREATE TABLE "My ""Schema"""."odd ""name""" (
         "select" integer PRIMARY KEY CHECK ("select" >= 10),
         "MixedCase" varchar(6) NOT NULL UNIQUE,
         "from" text NOT NULL CHECK ("from" IN ('it''s', 'a;b', 'x"y'))
       );
       CREATE TABLE "My ""Schema"""."Child Table" (
         "user" bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
         "Parent Ref" integer NOT NULL REFERENCES "My ""Schema"""."odd ""name""" ("select"),
         "order" text NOT NULL
       );`,
    );
    const { plan } = await generate(pg, 'My "Schema".Child Table', 1_000);
    expect(plan.steps.map((s) => s.rows)).toEqual([100, 1_000]);
    const parent = `"My ""Schema"""."odd ""name"""`;
    expect(await one(pg, `SELECT count(*) FROM "My ""Schema"""."Child Table"`)).toBe(1_000);
    expect(await one(pg, `SELECT min("select") FROM ${parent}`)).toBeGreaterThanOrEqual(10);
    expect(await one(pg, `SELECT max(length("MixedCase")) FROM ${parent}`)).toBeLessThanOrEqual(6);
    expect(await one(pg, `SELECT count(DISTINCT "from") FROM ${parent}`)).toBe(3);
    expect(
      await one(
        pg,
        `SELECT count(*) FROM "My ""Schema"""."Child Table" c LEFT JOIN ${parent} p ON p."select" = c."Parent Ref" WHERE p."select" IS NULL`,
      ),
    ).toBe(0);
  });

  it('refuses a NOT NULL column of an unsupported type before running anything', async () => {
    await exec(
      pg,
      'CREATE TABLE docs (id serial PRIMARY KEY, body tsvector NOT NULL, extra tsvector)',
    );
    expect(await planError(pg, 'public.docs', 100)).toBe(
      'Cannot generate values for column body of type tsvector in docs.',
    );
    await exec(pg, 'ALTER TABLE docs ALTER COLUMN body DROP NOT NULL');
    await generate(pg, 'public.docs', 100);
    expect(await one(pg, 'SELECT count(*) FROM docs WHERE body IS NULL')).toBe(100);
  });

  it('handles self-references: NOT NULL needs a first row, nullable ones point at earlier rows', async () => {
    await exec(
      pg,
      'CREATE TABLE nodes (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES nodes)',
    );
    expect(await planError(pg, 'public.nodes', 100)).toMatch(/must reference its own table/);
    await exec(pg, 'INSERT INTO nodes VALUES (1, 1)');
    await generate(pg, 'public.nodes', 300);
    expect(await one(pg, orphans('nodes', 'parent_id', 'nodes'))).toBe(0);
    expect(await one(pg, 'SELECT count(DISTINCT id) FROM nodes')).toBe(301);
    // A nullable self-reference points at rows of earlier batches (the first batch has none).
    await generate(pg, 'public.customers', 100);
    expect(await one(pg, 'SELECT count(referred_by) FROM customers')).toBe(0);
    await generate(pg, 'public.customers', 1_000);
    const referring = await one(pg, 'SELECT count(referred_by) FROM customers');
    expect(referring).toBeGreaterThan(700);
    expect(referring).toBeLessThan(1_000);
    expect(await one(pg, orphans('customers', 'referred_by', 'customers'))).toBe(0);
  });

  it('filters rows by a CHECK it cannot read, and keeps one-to-one and many-to-many keys unique', async () => {
    await exec(
      pg,
      `CREATE TABLE spans (id int PRIMARY KEY, a int NOT NULL, b int NOT NULL, CHECK (a < b));
       CREATE TABLE profiles (customer_id int PRIMARY KEY REFERENCES customers, bio text NOT NULL);
       CREATE TABLE tags (id int PRIMARY KEY, label text NOT NULL UNIQUE);
       CREATE TABLE product_tags (sku varchar(12) REFERENCES products, tag_id int REFERENCES tags,
                                  PRIMARY KEY (sku, tag_id));`,
    );
    const spans = await generate(pg, 'public.spans', 2_000);
    expect(spans.plan.warnings.join(' ')).toMatch(/CHECK \(a < b\) on spans are skipped/);
    const kept = await one(pg, 'SELECT count(*) FROM spans');
    expect(kept).toBeGreaterThan(500);
    expect(kept).toBeLessThan(2_000);
    expect(await one(pg, 'SELECT count(*) FROM spans WHERE a >= b')).toBe(0);

    await generate(pg, 'public.profiles', 500);
    expect(await one(pg, 'SELECT count(*) FROM profiles')).toBe(500);
    expect(await one(pg, 'SELECT count(*) FROM customers')).toBeGreaterThanOrEqual(500);

    await generate(pg, 'public.product_tags', 3_000);
    expect(await one(pg, 'SELECT count(*) FROM product_tags')).toBe(3_000);
    expect(await one(pg, orphans('product_tags', 'tag_id', 'tags'))).toBe(0);
  });

  it('adds 200,000 child rows plus parents in reasonable time', async () => {
    const started = performance.now();
    const { plan } = await generate(pg, 'public.orders', 200_000);
    const ms = Math.round(performance.now() - started);
    console.log(`datagen: 200,000 orders + ${plan.steps[0]?.rows} customers on PGlite: ${ms} ms`);
    expect(plan.steps.map((s) => s.sql.length)).toEqual([1, 2]);
    expect(await one(pg, 'SELECT count(*) FROM orders')).toBe(200_000);
    expect(await one(pg, orphans('orders', 'customer_id', 'customers'))).toBe(0);
  }, 300_000);
});
