// The bench helper on a real PGlite. A small run always (it must work and compare like with
// like); the full 1,000,000-row median-of-3 only with DATAGEN_BENCH=1, since it takes minutes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchDatagen } from '../../../src/engine/datagen';
import { introspect } from '../../../src/engine/introspect';
import type { PgliteEngine } from '../../../src/engine/pglite';
import { startPg } from '../helpers/engines';
import { one } from './helpers';

describe('benchDatagen', () => {
  let pg: PgliteEngine;
  beforeAll(async () => {
    pg = await startPg();
  });
  afterAll(() => pg.close());

  it('times the generator against the hand-written INSERT and cleans up', async () => {
    const r = await benchDatagen(pg, () => introspect(pg), { rows: 20_000, runs: 1 });
    console.log('datagen bench (20k rows, 1 run):', JSON.stringify(r));
    expect(r.rows).toBe(20_000);
    expect(r.parentRows).toBe(2_000);
    expect(r.generatorMs).toBeGreaterThan(0);
    expect(r.handWrittenMs).toBeGreaterThan(0);
    expect(r.ratio).toBeCloseTo(r.generatorMs / r.handWrittenMs, 1);
    // At 20k rows fixed costs (introspection, planning) weigh more than at 1M, and a busy
    // machine adds noise: this only catches a generator that is grossly slower.
    expect(r.ratio).toBeLessThan(4);
    expect(await one(pg, "SELECT count(*) FROM pg_class WHERE relname LIKE 'datagen_bench%'")).toBe(
      0,
    );
  }, 120_000);

  it.runIf(process.env.DATAGEN_BENCH === '1')(
    '1,000,000 rows: generator within 1.2x of hand-written SQL',
    async () => {
      const r = await benchDatagen(pg, () => introspect(pg));
      console.log('datagen bench (1M rows, median of 3):', JSON.stringify(r));
      expect(r.ratio).toBeLessThanOrEqual(1.2);
    },
    3_600_000,
  );
});
