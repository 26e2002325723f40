import { describe, expect, it } from 'vitest';
import { finishPlan } from '../../../src/engine/plan/derive';
import { draftNode, type PlanNodeDraft } from '../../../src/engine/plan/model';
import { fixture, lines, mustParse, node } from './helpers';

function plan(root: PlanNodeDraft) {
  return finishPlan({
    engine: 'postgres',
    format: 'json',
    root,
    hasBuffers: false,
    triggers: [],
    extra: {},
    raw: '',
  });
}
const timed = (
  type: string,
  time: number,
  loops: number,
  children: PlanNodeDraft[] = [],
  more: Partial<PlanNodeDraft> = {},
) => ({
  ...draftNode(type),
  actualTotalTime: time,
  actualLoops: loops,
  actualRows: 1,
  children,
  ...more,
});

describe('inclusive and exclusive time', () => {
  it('multiplies per-loop time by loops before subtracting children', () => {
    // 4 loops of 11.1 ms inside a 91.7 ms Nested Loop (fixture 02).
    const p = mustParse(fixture('postgres/02-nested-loop-inner-seq-scan.txt'));
    const inner = node(p, 2);
    expect(inner.inclusiveTime).toBeCloseTo(11.137 * 4, 6);
    expect(p.root.exclusiveTime).toBeCloseTo(91.764 - 0.029 - 11.137 * 4, 6);
  });

  it('subtracts InitPlans and SubPlans, which run inside their parent', () => {
    const p = mustParse(fixture('postgres/10-subplan.txt'));
    expect(p.root.exclusiveTime).toBeCloseTo(142.779 - 15.843 * 9, 6);
    const init = mustParse(fixture('postgres/20-pg12-psql-initplan.txt'));
    expect(init.root.exclusiveTime).toBeCloseTo(31.466 - 0.016, 6);
  });

  it("credits a CTE's time to the CTE Scans that pulled its rows, not to the WITH's host", () => {
    const p = mustParse(fixture('postgres/09-cte-initplan.txt'));
    const cte = node(p, 1).inclusiveTime ?? 0; // 252.660
    const rootCapacity = 313.291 - 73.818; // root minus its InitPlan
    const big1Capacity = 57.481;
    const rootShare = (cte * rootCapacity) / (rootCapacity + big1Capacity);
    expect(p.root.exclusiveTime).toBeCloseTo(rootCapacity - rootShare, 6);
    expect(node(p, 4).exclusiveTime).toBeCloseTo(big1Capacity - (cte - rootShare), 6);
    // The CTE's own subtree keeps its time.
    expect(node(p, 1).exclusiveTime).toBeCloseTo(252.66 - 65.017, 6);
  });

  it('gives a CTE Scan all of the CTE when it could hold it', () => {
    const p = plan(
      timed('Hash Join', 10, 1, [
        timed('Seq Scan', 4, 1, [], { parentRelationship: 'InitPlan', subplanName: 'CTE x' }),
        timed('CTE Scan', 6, 1, [], { cteName: 'x' }),
      ]),
    );
    expect(node(p, 2).exclusiveTime).toBeCloseTo(2, 9);
    expect(p.root.exclusiveTime).toBeCloseTo(4, 9);
  });

  it('divides looped time among the parallel processes below a Gather', () => {
    const p = mustParse(fixture('postgres/21-pg16-parallel-sort.txt'));
    // loops=3 across 2 workers + leader: wall time is the per-loop time.
    expect(node(p, 1).inclusiveTime).toBeCloseTo(470.152, 6);
    expect(node(p, 2).inclusiveTime).toBeCloseTo(41.208, 6);
    expect(p.root.exclusiveTime).toBeCloseTo(911.339 - 470.152, 6);
    const nested = plan(
      timed('Gather', 100, 1, [timed('Nested Loop', 90, 3, [timed('Index Scan', 0.1, 300)])], {
        workersLaunched: 2,
      }),
    );
    expect(node(nested, 2).inclusiveTime).toBeCloseTo(10, 9);
  });

  it('treats never-executed nodes as taking no time', () => {
    const p = mustParse(fixture('postgres/29-pg15-never-executed.txt'));
    expect(node(p, 2).inclusiveTime).toBe(0);
    expect(p.root.exclusiveTime).toBeCloseTo(0.011 - 0.01, 9);
  });

  it('never reports negative exclusive time', () => {
    const p = plan(timed('Limit', 1, 1, [timed('Seq Scan', 2, 1)]));
    expect(p.root.exclusiveTime).toBe(0);
  });
});

describe('exclusive cost', () => {
  it('subtracts a SubPlan once per row and a nested loop inner once per outer row', () => {
    const sub = mustParse(fixture('postgres/10-subplan.txt'));
    expect(sub.root.exclusiveCost).toBeCloseTo(18764.65 - 2084.02 * 9, 6);
    const loop = mustParse(fixture('postgres/02-nested-loop-inner-seq-scan.txt'));
    expect(loop.root.exclusiveCost).toBeCloseTo(3353.04 - 1.04 - 463 * 4, 6);
  });
  it('subtracts InitPlan costs, which Postgres adds to the host node', () => {
    const p = mustParse(fixture('postgres/09-cte-initplan.txt'));
    expect(p.root.exclusiveCost).toBeCloseTo(3489.65 - 2585.22 - 452.22, 6);
  });
});

describe('plan flags', () => {
  it('numbers nodes in pre-order and counts them', () => {
    const p = mustParse(fixture('postgres/03-hash-join-batches.txt'));
    expect(p.nodeCount).toBe(4);
    expect([p.root.id, node(p, 1).label, node(p, 2).label, node(p, 3).relation]).toEqual([
      0,
      'Seq Scan',
      'Hash',
      'customers',
    ]);
  });
  it('knows whether ANALYZE and timing data are present', () => {
    const estimate = mustParse(lines('Seq Scan on t  (cost=0.00..1.00 rows=1 width=4)'));
    expect([estimate.analyzed, estimate.timed]).toEqual([false, false]);
    const rowsOnly = mustParse(
      lines('Seq Scan on t  (cost=0.00..1.00 rows=1 width=4) (actual rows=1 loops=1)'),
    );
    expect([rowsOnly.analyzed, rowsOnly.timed]).toEqual([true, false]);
  });
});
