import { describe, expect, it } from 'vitest';
import { newPGlite } from './helpers/pg';
import { newSqlite } from './helpers/sqlite';

describe('real engines in Node', () => {
  it('PGlite starts from the prepared data dir and answers', async () => {
    const db = await newPGlite();
    const r = await db.query<{ v: string }>("select current_setting('server_version') as v");
    expect(r.rows[0]?.v).toMatch(/^\d+\.\d+/);
    await db.close();
  });
  it('sql.js opens and answers', async () => {
    const db = await newSqlite();
    expect(db.exec('select 40 + 2')[0]?.values[0]?.[0]).toBe(42);
    db.close();
  });
});
