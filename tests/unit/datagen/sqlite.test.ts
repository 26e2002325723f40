// The generator on a real sql.js database with foreign keys enforced: the same shop as the
// Postgres test, in SQLite's dialect (CHECK … IN instead of an enum, rowid keys).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqljsEngine } from '../../../src/engine/sqljs';
import { startSqlite } from '../helpers/engines';
import { exec, generate, one, planError, topShare } from './helpers';

const SHOP = `
PRAGMA foreign_keys = ON;
CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name VARCHAR(10) NOT NULL,
  city TEXT NOT NULL,
  referred_by INTEGER REFERENCES customers (id),
  vip BOOLEAN NOT NULL,
  created_at DATETIME NOT NULL
);
CREATE TABLE products (
  sku VARCHAR(12) PRIMARY KEY,
  title TEXT NOT NULL,
  price DECIMAL(8, 2) NOT NULL CHECK (price > 0)
);
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  status TEXT NOT NULL CHECK (status IN ('new', 'paid', 'shipped', 'cancelled')),
  discount INTEGER NOT NULL CHECK (discount BETWEEN 0 AND 50),
  placed_at TIMESTAMP NOT NULL,
  placed_on DATE NOT NULL,
  note VARCHAR(10) NOT NULL,
  ref UUID NOT NULL UNIQUE,
  meta JSON NOT NULL
);
CREATE TABLE order_items (
  order_id INTEGER NOT NULL REFERENCES orders (id),
  line_no INTEGER NOT NULL,
  product_sku VARCHAR(12) NOT NULL REFERENCES products (sku),
  quantity INTEGER NOT NULL CHECK (quantity > 0 AND quantity <= 100),
  PRIMARY KEY (order_id, line_no)
) WITHOUT ROWID;
CREATE TABLE returns (
  order_id INTEGER NOT NULL,
  line_no INTEGER NOT NULL,
  reason TEXT NOT NULL,
  FOREIGN KEY (order_id, line_no) REFERENCES order_items (order_id, line_no)
);`;

const orphans = (child: string, fk: string, parent: string, key = 'id'): string =>
  `SELECT count(*) FROM ${child} c LEFT JOIN ${parent} p ON p.${key} = c.${fk} WHERE c.${fk} IS NOT NULL AND p.${key} IS NULL`;

describe('generator on SQLite', () => {
  let db: SqljsEngine;
  beforeEach(async () => {
    db = await startSqlite();
    await exec(db, SHOP);
  });
  afterEach(() => db.close());

  it('fills the grandchild and its parents with foreign keys enforced and every CHECK kept', async () => {
    const { plan, result } = await generate(db, 'main.order_items', 20_000);
    const order = plan.steps.map((s) => s.table);
    expect(order.indexOf('main.customers')).toBeLessThan(order.indexOf('main.orders'));
    expect(order.at(-1)).toBe('main.order_items');
    expect(plan.analyze).toEqual(['ANALYZE']);
    expect(result.inserted['main.order_items']).toBe(20_000);
    expect(await one(db, 'SELECT count(*) FROM order_items')).toBe(20_000);
    expect(await one(db, 'SELECT count(*) FROM orders')).toBe(2_000);
    expect(await one(db, 'SELECT count(*) FROM customers')).toBe(200);
    expect(await one(db, 'SELECT count(*) FROM products')).toBe(2_000);

    expect((await db.query('PRAGMA foreign_key_check')).rows).toEqual([]);
    expect(await one(db, orphans('order_items', 'order_id', 'orders'))).toBe(0);
    expect(await one(db, orphans('order_items', 'product_sku', 'products', 'sku'))).toBe(0);
    expect(await one(db, orphans('customers', 'referred_by', 'customers'))).toBe(0);

    expect(await one(db, 'SELECT count(DISTINCT email) FROM customers')).toBe(200);
    expect(await one(db, 'SELECT count(DISTINCT ref) FROM orders')).toBe(2_000);
    expect(await one(db, 'SELECT count(*) FROM orders WHERE discount NOT BETWEEN 0 AND 50')).toBe(
      0,
    );
    expect(
      await one(
        db,
        "SELECT count(*) FROM orders WHERE status NOT IN ('new', 'paid', 'shipped', 'cancelled')",
      ),
    ).toBe(0);
    expect(await one(db, 'SELECT count(DISTINCT status) FROM orders')).toBe(4);
    expect(
      await one(db, 'SELECT count(*) FROM order_items WHERE quantity NOT BETWEEN 1 AND 100'),
    ).toBe(0);
    expect(await one(db, 'SELECT count(*) FROM products WHERE price <= 0')).toBe(0);
    expect(await one(db, 'SELECT max(length(name)) FROM customers')).toBeLessThanOrEqual(10);
    expect(await one(db, 'SELECT max(length(note)) FROM orders')).toBeLessThanOrEqual(10);
    expect(await one(db, 'SELECT max(length(sku)) FROM products')).toBeLessThanOrEqual(12);
    // Dates and timestamps are real ISO text that SQLite's date functions read back.
    expect(
      await one(db, 'SELECT count(*) FROM orders WHERE date(placed_on) IS NOT placed_on'),
    ).toBe(0);
    expect(
      await one(db, 'SELECT count(*) FROM orders WHERE datetime(placed_at) IS NOT placed_at'),
    ).toBe(0);
    expect(
      await one(db, "SELECT count(*) FROM orders WHERE json_extract(meta, '$.id') IS NULL"),
    ).toBe(0);
    expect(
      await one(
        db,
        "SELECT count(*) FROM orders WHERE ref NOT LIKE '________-____-4___-a___-____________'",
      ),
    ).toBe(0);
    expect(await one(db, 'SELECT count(*) FROM customers WHERE vip NOT IN (0, 1)')).toBe(0);
    // ANALYZE ran and the temp tables were dropped.
    expect(
      await one(db, "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'order_items'"),
    ).toBeGreaterThan(0);
    expect(await one(db, 'SELECT count(*) FROM temp.sqlite_master')).toBe(0);
  });

  it('spreads children evenly without skew and concentrates them with skew', async () => {
    await generate(db, 'main.orders', 10_000);
    expect(await one(db, 'SELECT count(*) FROM customers')).toBe(1_000);
    expect(await topShare(db, 'orders', 'customer_id')).toBeLessThanOrEqual(0.05);
    await exec(db, 'DELETE FROM orders');
    await generate(db, 'main.orders', 10_000, true);
    expect(await topShare(db, 'orders', 'customer_id')).toBeGreaterThanOrEqual(0.2);
    expect(await topShare(db, 'orders', 'status')).toBeGreaterThan(0.3);
  });

  it('picks whole parent rows for a composite foreign key, reusing existing parents', async () => {
    await generate(db, 'main.order_items', 3_000);
    const { plan } = await generate(db, 'main.returns', 2_000);
    expect(plan.steps.map((s) => s.table)).toEqual(['main.returns']);
    expect((await db.query('PRAGMA foreign_key_check')).rows).toEqual([]);
    const missing = await one(
      db,
      'SELECT count(*) FROM returns r LEFT JOIN order_items i ON i.order_id = r.order_id AND i.line_no = r.line_no WHERE i.order_id IS NULL',
    );
    expect(missing).toBe(0);
    await generate(db, 'main.order_items', 3_000);
    expect(await one(db, 'SELECT count(*) FROM order_items')).toBe(6_000);
  });

  it('works with hostile names and batches', async () => {
    await exec(
      db,
      `CREATE TABLE "odd ""name""" ("select" INT PRIMARY KEY CHECK ("select" >= 10),
         [Mixed Case] VARCHAR(6) NOT NULL UNIQUE, "from" TEXT NOT NULL CHECK ("from" IN ('it''s', 'a;b')));
       CREATE TABLE "Child" ("order" INTEGER PRIMARY KEY,
         "Parent Ref" INT NOT NULL REFERENCES "odd ""name""" ("select"), "group" TEXT);`,
    );
    const model = await generate(db, 'main.Child', 2_500);
    expect(model.plan.steps.map((s) => s.rows)).toEqual([250, 2_500]);
    expect(await one(db, `SELECT count(*) FROM "Child"`)).toBe(2_500);
    expect(await one(db, `SELECT min("select") FROM "odd ""name"""`)).toBe(10);
    expect(
      await one(db, `SELECT max(length([Mixed Case])) FROM "odd ""name"""`),
    ).toBeLessThanOrEqual(6);
    expect(await one(db, `SELECT count(DISTINCT "from") FROM "odd ""name"""`)).toBe(2);
    expect((await db.query('PRAGMA foreign_key_check')).rows).toEqual([]);
    // Nullable columns without a default get some NULLs, not all.
    const nulls = await one(db, `SELECT count(*) FROM "Child" WHERE "group" IS NULL`);
    expect(nulls).toBeGreaterThan(100);
    expect(nulls).toBeLessThan(500);
  });

  it('keeps one-to-one and many-to-many keys unique, and filters by a CHECK it cannot read', async () => {
    await exec(
      db,
      `CREATE TABLE tags (id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE);
       CREATE TABLE product_tags (sku VARCHAR(12) NOT NULL REFERENCES products,
         tag_id INT NOT NULL REFERENCES tags, PRIMARY KEY (sku, tag_id));
       CREATE TABLE profiles (customer_id INT PRIMARY KEY REFERENCES customers, bio TEXT);
       CREATE TABLE spans (a INT NOT NULL, b INT NOT NULL, CHECK (a < b));`,
    );
    await generate(db, 'main.product_tags', 3_000);
    expect(await one(db, 'SELECT count(*) FROM product_tags')).toBe(3_000);
    await generate(db, 'main.profiles', 400);
    expect(await one(db, 'SELECT count(DISTINCT customer_id) FROM profiles')).toBe(400);
    expect((await db.query('PRAGMA foreign_key_check')).rows).toEqual([]);
    const { plan } = await generate(db, 'main.spans', 2_000);
    expect(plan.warnings.join(' ')).toMatch(/CHECK \(a < b\) on spans are skipped/);
    const kept = await one(db, 'SELECT count(*) FROM spans');
    expect(kept).toBeGreaterThan(500);
    expect(kept).toBeLessThan(2_000);
    expect(await one(db, 'SELECT count(*) FROM spans WHERE a >= b')).toBe(0);
  });

  it('meets length checks and short limits by construction, without filtering', async () => {
    await exec(
      db,
      `CREATE TABLE codes (pin TEXT NOT NULL UNIQUE CHECK (length(pin) = 8),
         note TEXT NOT NULL CHECK (length(note) >= 20), short VARCHAR(4) NOT NULL,
         contact_email VARCHAR(16) NOT NULL UNIQUE)`,
    );
    const { plan } = await generate(db, 'main.codes', 500);
    expect(plan.warnings).toEqual([]);
    expect(await one(db, 'SELECT count(*) FROM codes')).toBe(500);
    expect(await one(db, 'SELECT count(DISTINCT pin) FROM codes')).toBe(500);
    expect(await one(db, 'SELECT count(*) FROM codes WHERE length(pin) <> 8')).toBe(0);
    expect(await one(db, 'SELECT min(length(note)) FROM codes')).toBeGreaterThanOrEqual(20);
    expect(await one(db, 'SELECT max(length(short)) FROM codes')).toBeLessThanOrEqual(4);
    expect(await one(db, 'SELECT max(length(contact_email)) FROM codes')).toBeLessThanOrEqual(16);
    expect(await one(db, 'SELECT count(DISTINCT contact_email) FROM codes')).toBe(500);
    expect(
      await one(db, "SELECT count(*) FROM codes WHERE contact_email NOT LIKE '%@example.com'"),
    ).toBe(0);
  });

  it('explains what it cannot do before running anything', async () => {
    await exec(
      db,
      'CREATE TABLE nodes (id INT PRIMARY KEY, up INT NOT NULL REFERENCES nodes (id))',
    );
    expect(await planError(db, 'main.nodes', 100)).toMatch(/must reference its own table/);
    await exec(db, 'CREATE TABLE flags (on_off BOOLEAN NOT NULL UNIQUE)');
    expect(await planError(db, 'main.flags', 100)).toMatch(
      /Cannot keep \(on_off\) unique in flags/,
    );
    expect(await planError(db, 'main.missing', 100)).toBe('There is no table main.missing.');
  });
});
