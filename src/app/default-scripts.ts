// The scripts a new playground starts with: a small shop schema that shows keys, a
// relationship and a query, written for each engine.

import type { EngineId } from '../engine/types';

const POSTGRES = `-- Welcome to Schemalab. Press Shift+Ctrl+Enter to run everything,
-- or Ctrl+Enter to run the statement under the cursor.
create table customers (
  id         bigint generated always as identity primary key,
  email      text not null unique,
  name       text not null,
  created_at timestamptz not null default now()
);

create table orders (
  id          bigint generated always as identity primary key,
  customer_id bigint not null references customers (id) on delete cascade,
  total_cents integer not null check (total_cents >= 0),
  placed_at   timestamptz not null default now()
);

create index on orders (customer_id);

insert into customers (email, name) values
  ('ada@example.com', 'Ada Lovelace'),
  ('alan@example.com', 'Alan Turing');

insert into orders (customer_id, total_cents) values
  (1, 1200),
  (1, 3450),
  (2, 990);

select c.name, count(o.id) as orders, round(sum(o.total_cents) / 100.0, 2) as spent
from customers c
left join orders o on o.customer_id = c.id
group by c.name
order by spent desc;
`;

const SQLITE = `-- Welcome to Schemalab. Press Shift+Ctrl+Enter to run everything,
-- or Ctrl+Enter to run the statement under the cursor.
pragma foreign_keys = on;

create table customers (
  id         integer primary key,
  email      text not null unique,
  name       text not null,
  created_at text not null default current_timestamp
);

create table orders (
  id          integer primary key,
  customer_id integer not null references customers (id) on delete cascade,
  total_cents integer not null check (total_cents >= 0),
  placed_at   text not null default current_timestamp
);

create index orders_customer_id on orders (customer_id);

insert into customers (email, name) values
  ('ada@example.com', 'Ada Lovelace'),
  ('alan@example.com', 'Alan Turing');

insert into orders (customer_id, total_cents) values
  (1, 1200),
  (1, 3450),
  (2, 990);

select c.name, count(o.id) as orders, round(sum(o.total_cents) / 100.0, 2) as spent
from customers c
left join orders o on o.customer_id = c.id
group by c.name
order by spent desc;
`;

export const DEFAULT_SCRIPTS: Record<EngineId, string> = { postgres: POSTGRES, sqlite: SQLITE };

/** The compare script a new playground starts with: a few classic differences. */
export const DEFAULT_COMPARE_SCRIPT = `-- Compare mode runs this script on PostgreSQL and SQLite side by side and
-- explains every difference. Run all starts both databases empty.
create table products (
  id    integer primary key,
  name  text not null,
  price numeric(8, 2)
);
insert into products values (1, 'Teapot', 19.90);
insert into products values (2, 'tea cosy', 7.50);
insert into products values (3, 'Tea towel', null);

-- LIKE ignores case in SQLite, not in PostgreSQL.
select name from products where name like 'tea%' order by id;

-- Where do NULLs sort? And is 19.90 a decimal or a float?
select name, price from products order by price;

-- Integer division truncates on both; a decimal makes it exact.
select 7 / 2 as int_division, 7 / 2.0 as decimal_division;

-- VARCHAR(n) is a limit in PostgreSQL only.
create table codes (code varchar(3));
insert into codes values ('ABCDEF');

-- true/false in PostgreSQL, 1/0 in SQLite.
create table flags (name text, in_stock boolean);
insert into flags values ('Teapot', true), ('Tea towel', false);
select name, in_stock from flags order by name;

-- now() is PostgreSQL-only: the result offers a port that runs on both.
select now() is not null as has_clock;

-- When a statement must differ, write one version per engine:
-- @postgres
select current_date - date '2024-01-01' as days_since_2024;
-- @sqlite
select cast(julianday('now') - julianday('2024-01-01') as integer) as days_since_2024;
-- @end
`;
