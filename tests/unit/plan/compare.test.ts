import { describe, expect, it } from 'vitest';
import { comparePlans, matchNodes } from '../../../src/engine/plan/compare';
import {
  findNode,
  flattenPlan,
  pathToNode,
  slowestPath,
  timeShares,
} from '../../../src/engine/plan/slowest-path';
import { fixture, lines, mustParse, node } from './helpers';

const BEFORE = fixture('postgres/04-external-merge-sort.txt');
const AFTER = lines(
  'Index Scan using idx_orders_status_amount on orders  (cost=0.42..5512.43 rows=100000 width=34) (actual time=0.031..61.530 rows=100000.00 loops=1)',
  '  Index Searches: 1',
  'Planning Time: 0.210 ms',
  'Execution Time: 70.020 ms',
);

describe('comparePlans', () => {
  it('reports the speed-up and what replaced what', () => {
    const c = comparePlans(mustParse(BEFORE), mustParse(AFTER));
    expect(c.totalBefore).toBe(521.842);
    expect(c.totalAfter).toBe(70.02);
    expect(c.ratio).toBeCloseTo(70.02 / 521.842, 9);
    expect(c.summary).toBe(
      '7.5× faster (522 ms → 70.0 ms); Seq Scan on orders → Index Scan using idx_orders_status_amount on orders; 1 step gone',
    );
    const [scan, sort] = c.nodes;
    expect(scan).toMatchObject({
      status: 'changed',
      changes: ['type', 'index', 'time'],
      rowsBefore: 100000,
      rowsAfter: 100000,
    });
    expect(scan?.before?.nodeType).toBe('Seq Scan');
    expect(sort).toMatchObject({ status: 'removed', before: { nodeType: 'Sort' } });
  });
  it('matches nodes by relation first, then by position and type', () => {
    const before = mustParse(fixture('postgres/03-hash-join-batches.txt'));
    const after = mustParse(fixture('postgres/03-hash-join-batches.json'));
    expect([...matchNodes(before.root, after.root)].sort()).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    const c = comparePlans(before, after);
    expect(c.nodes.map((n) => n.status).filter((s) => s === 'added' || s === 'removed')).toEqual(
      [],
    );
    expect(c.nodes.every((n) => !n.changes.includes('type') && !n.changes.includes('rows'))).toBe(
      true,
    );
  });
  it('sees added steps, slower plans and plans without times', () => {
    const c = comparePlans(mustParse(AFTER), mustParse(BEFORE));
    expect(c.summary).toBe(
      '7.5× slower (70.0 ms → 522 ms); Index Scan using idx_orders_status_amount on orders → Seq Scan on orders; 1 new step',
    );
    const estimates = mustParse(fixture('postgres/14-estimates-only.txt'));
    const same = comparePlans(estimates, estimates);
    expect(same.ratio).toBeUndefined();
    expect(same.summary).toBe('The plans look the same.');
    expect(same.nodes.every((n) => n.status === 'same')).toBe(true);
  });
});

describe('tree helpers', () => {
  const plan = mustParse(fixture('postgres/10-subplan.txt'));
  it('flattens in pre-order with depth and parent', () => {
    expect(flattenPlan(plan.root).map((f) => [f.node.id, f.depth, f.parentId])).toEqual([
      [0, 0, undefined],
      [1, 1, 0],
      [2, 2, 1],
    ]);
    expect(findNode(plan.root, 2)?.relation).toBe('orders');
    expect(findNode(plan.root, 9)).toBeUndefined();
    expect(pathToNode(plan.root, 2).map((n) => n.id)).toEqual([0, 1, 2]);
    expect(pathToNode(plan.root, 9)).toEqual([]);
  });
  it('follows the path to the node with the largest exclusive time', () => {
    expect(slowestPath(plan)).toEqual([0, 1, 2]);
    const hash = mustParse(fixture('postgres/03-hash-join-batches.txt'));
    const slowest = flattenPlan(hash.root).reduce((a, b) =>
      (b.node.exclusiveTime ?? 0) > (a.node.exclusiveTime ?? 0) ? b : a,
    );
    expect(slowestPath(hash)).toEqual(pathToNode(hash.root, slowest.node.id).map((n) => n.id));
    expect(slowestPath(mustParse(fixture('postgres/19-timing-off.txt')))).toEqual([]);
  });
  it('gives each node its share of the execution time', () => {
    const shares = timeShares(plan);
    expect(shares.get(2)?.exclusive).toBeCloseTo((15.803 * 9) / 142.853, 9);
    expect(shares.get(0)?.inclusive).toBeCloseTo(142.779 / 142.853, 9);
    expect(timeShares(mustParse(fixture('postgres/14-estimates-only.txt'))).size).toBe(0);
    expect(node(plan, 1).id).toBe(1);
  });
});
