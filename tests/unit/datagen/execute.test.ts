// Running a plan: progress after every batch, a cancel between batches keeps what was done,
// and a failing statement stops the run with the engine's message.
import { describe, expect, it } from 'vitest';
import {
  executePlan,
  isPlanError,
  planGeneration,
  type GenerationPlan,
  type GenerationProgress,
} from '../../../src/engine/datagen';
import { introspect } from '../../../src/engine/introspect';
import type { SqljsEngine } from '../../../src/engine/sqljs';
import { startSqlite } from '../helpers/engines';
import { exec, one } from './helpers';

async function setup(): Promise<{ db: SqljsEngine; plan: GenerationPlan }> {
  const db = await startSqlite();
  await exec(
    db,
    `PRAGMA foreign_keys = ON;
     CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
     CREATE TABLE players (id INTEGER PRIMARY KEY, team_id INT NOT NULL REFERENCES teams, age INT NOT NULL);`,
  );
  const plan = planGeneration(await introspect(db), 'main.players', 25_000, {
    skew: false,
    engine: 'sqlite',
    existingRows: {},
    batchSize: 10_000,
  });
  if (isPlanError(plan)) throw new Error(plan.error);
  return { db, plan };
}

describe('executePlan', () => {
  it('reports progress after every batch, up to the whole plan', async () => {
    const { db, plan } = await setup();
    const seen: GenerationProgress[] = [];
    const result = await executePlan(plan, db, { onProgress: (p) => seen.push(p) });
    expect(result.status).toBe('done');
    expect(result.inserted).toEqual({ 'main.teams': 2_500, 'main.players': 25_000 });
    // Before each of the 4 statements (1 team batch, 3 player batches), then once at the end.
    expect(seen.map((p) => [p.step, p.rowsDone])).toEqual([
      [0, 0],
      [1, 2_500],
      [1, 12_500],
      [1, 22_500],
      [2, 27_500],
    ]);
    expect(seen.at(-1)?.fraction).toBe(1);
    expect(await one(db, 'SELECT count(*) FROM players')).toBe(25_000);
    await db.close();
  });

  it('stops between batches when cancelled and keeps the finished batches', async () => {
    const { db, plan } = await setup();
    const abort = new AbortController();
    const result = await executePlan(plan, db, {
      signal: abort.signal,
      onProgress: (p) => {
        if (p.rowsDone >= 12_500) abort.abort();
      },
    });
    expect(result.status).toBe('cancelled');
    expect(result.inserted['main.players']).toBe(10_000);
    expect(await one(db, 'SELECT count(*) FROM players')).toBe(10_000);
    await db.close();
  });

  it('stops at the first failing statement with the engine message', async () => {
    const { db, plan } = await setup();
    // The table changed after planning: the plan's INSERT no longer fits it.
    await exec(db, 'CREATE TABLE x (a INT); DROP TABLE players; CREATE TABLE players (id INT)');
    const result = await executePlan(plan, db);
    expect(result.status).toBe('error');
    expect(result.error).toMatch(/no column named team_id/);
    expect(result.inserted).toEqual({ 'main.teams': 2_500 });
    await db.close();
  });
});
