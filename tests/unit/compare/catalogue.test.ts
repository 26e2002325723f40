// Runs every catalogue demo on both real engines and checks each statement against the
// entry's expectations, so the catalogue cannot drift from what the engines do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE, demoScript } from '../../../src/compare/catalogue';
import { alignResults } from '../../../src/compare/align';
import { explainDifferences } from '../../../src/compare/explain';
import type { StatementExpect } from '../../../src/compare/types';
import type { StatementResult } from '../../../src/engine/types';
import type { PgliteEngine } from '../../../src/engine/pglite';
import { runAll, startPg, startSqlite } from '../helpers/engines';

type View = Record<string, unknown>;

/** The parts of each expectation, and the same parts of the real result, side by side. */
function views(expects: StatementExpect[], results: StatementResult[]): [View[], View[]] {
  const wanted: View[] = [];
  const got: View[] = [];
  expects.forEach((exp, i) => {
    const r = results[i];
    const w: View = { n: i, status: exp.status };
    const g: View = { n: i, sql: r?.sql, status: r?.status };
    w.sql = r?.sql;
    if (exp.errorMatches !== undefined) {
      const message = r?.error?.message ?? '(no error)';
      w.error = exp.errorMatches;
      g.error = new RegExp(exp.errorMatches, 'i').test(message) ? exp.errorMatches : message;
    }
    if (exp.errorCode !== undefined) [w.code, g.code] = [exp.errorCode, r?.error?.code];
    if (exp.rows !== undefined) [w.rows, g.rows] = [exp.rows, r?.rows];
    if (exp.columnTypes !== undefined)
      [w.types, g.types] = [exp.columnTypes, r?.columns.map((c) => c.type)];
    if (exp.columns !== undefined)
      [w.columns, g.columns] = [exp.columns, r?.columns.map((c) => c.name)];
    if (exp.rowCount !== undefined) [w.rowCount, g.rowCount] = [exp.rowCount, r?.rowCount];
    wanted.push(w);
    got.push(g);
  });
  return [wanted, got];
}

/** Drops everything a demo left on the shared Postgres: schemas, settings, transactions. */
async function resetPg(pg: PgliteEngine): Promise<void> {
  if (pg.inTransaction()) await runAll(pg, 'rollback');
  const schemas = await pg.query(
    "select nspname from pg_namespace where nspname !~ '^pg_' and nspname not in ('public', 'information_schema')",
  );
  const drops = schemas.rows.map((r) => `drop schema "${String(r[0])}" cascade;`).join('\n');
  await runAll(pg, `reset all;\n${drops}`);
}

describe('catalogue demos on the real engines', () => {
  let pg: PgliteEngine;
  beforeAll(async () => {
    pg = await startPg();
  });
  afterAll(async () => {
    await pg.close();
  });

  for (const entry of CATALOGUE) {
    it(entry.id, async () => {
      const sqlite = await startSqlite();
      let lite: StatementResult[];
      try {
        lite = (await runAll(sqlite, demoScript(entry, 'sqlite'), false)).results;
      } finally {
        await sqlite.close();
      }
      // Each demo gets its own schema, so demos may reuse table names.
      await runAll(pg, 'create schema cmp_demo; set search_path = cmp_demo, public;');
      let post: StatementResult[];
      try {
        post = (await runAll(pg, demoScript(entry, 'postgres'), false)).results;
      } finally {
        await resetPg(pg);
      }
      for (const [engine, results] of [
        ['sqlite', lite],
        ['postgres', post],
      ] as const) {
        expect(results, engine).toHaveLength(entry.expect[engine].length);
        const [wanted, got] = views(entry.expect[engine], results);
        expect(got, engine).toEqual(wanted);
      }

      // The entry's own demo must be explained by the entry (or, for reference entries
      // that show shared behaviour, produce no difference at all).
      const rows = alignResults({ results: { postgres: post, sqlite: lite } });
      const explained = explainDifferences(rows);
      if (entry.match.length === 0) {
        expect(explained.map((e) => e.difference.note)).toEqual([]);
      } else {
        const best = explained.map((e) => e.matches[0]?.entryId);
        expect(best).toContain(entry.id);
      }
    });
  }
});
