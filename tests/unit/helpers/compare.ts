// Runs a compare script on both real engines and aligns the results, as compare mode does.
import { alignResults, type AlignedRow } from '../../../src/compare/align';
import { splitVariants } from '../../../src/compare/variants';
import type { PgliteEngine } from '../../../src/engine/pglite';
import { runAll, startSqlite } from './engines';

let schema = 0;

/**
 * Runs `script` on a fresh SQLite and in a fresh schema of the shared Postgres `pg` (so tests
 * do not see each other's tables), and returns the aligned rows.
 */
export async function compareOnBothEngines(
  pg: PgliteEngine,
  script: string,
): Promise<AlignedRow[]> {
  const split = splitVariants(script);
  if (!split.ok) throw new Error(split.message);
  const sqlite = await startSqlite();
  schema++;
  await runAll(pg, `create schema cmp_${schema}; set search_path = cmp_${schema};`);
  try {
    const pgRun = await runAll(pg, split.scripts.postgres, false);
    const liteRun = await runAll(sqlite, split.scripts.sqlite, false);
    return alignResults({
      results: { postgres: pgRun.results, sqlite: liteRun.results },
      blocks: split.blocks,
    });
  } finally {
    await sqlite.close();
    if (pg.inTransaction()) await runAll(pg, 'rollback');
    await runAll(pg, 'reset search_path;');
  }
}
