import { describe, expect, it } from 'vitest';
import { createdName, findCreateStatement } from '../../../src/erd/find-create';

describe('finding the statement that created a table', () => {
  it('reads names through comments, modifiers, IF NOT EXISTS and schemas', () => {
    expect(createdName('create table if not exists Shop.Orders (id int)', 'postgres')).toEqual([
      'shop',
      'orders',
    ]);
    expect(
      createdName('CREATE OR REPLACE TEMP VIEW "Odd ""Name""" AS SELECT 1', 'postgres'),
    ).toEqual(['Odd "Name"']);
    expect(createdName('/* x */ create unlogged table t (a int)', 'postgres')).toEqual(['t']);
    expect(createdName('create materialized view mv as select 1', 'postgres')).toEqual(['mv']);
    expect(createdName('create index i on t (a)', 'postgres')).toBeUndefined();
    expect(createdName('create table [my table] (a)', 'sqlite')).toEqual(['my table']);
  });

  it('returns the range of the right statement, not a mention inside a string', () => {
    const script =
      "select 'create table users (x int)';\ncreate table users (id int);\ncreate table public.orders (id int);";
    const users = findCreateStatement(script, 'postgres', 'public', 'users');
    expect(users && script.slice(users.from, users.to)).toBe('create table users (id int)');
    const orders = findCreateStatement(script, 'postgres', 'public', 'orders');
    expect(orders && script.slice(orders.from, orders.to)).toBe(
      'create table public.orders (id int)',
    );
    expect(findCreateStatement(script, 'postgres', 'public', 'missing')).toBeUndefined();
  });

  it('matches SQLite names case-insensitively, Postgres quoted names exactly', () => {
    expect(findCreateStatement('CREATE TABLE Users (id)', 'sqlite', 'main', 'users')).toEqual({
      from: 0,
      to: 23,
    });
    expect(
      findCreateStatement('create table "Users" (id int)', 'postgres', 'public', 'users'),
    ).toBeUndefined();
    expect(
      findCreateStatement('create table "Users" (id int)', 'postgres', 'public', 'Users'),
    ).toEqual({ from: 0, to: 29 });
  });
});
