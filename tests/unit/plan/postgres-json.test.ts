import { describe, expect, it } from 'vitest';
import { parsePostgresJson } from '../../../src/engine/plan/postgres-json';
import { fixture, mustParse, node } from './helpers';
import { outline } from './outline';

describe('JSON plans', () => {
  it('reads ANALYZE, BUFFERS output with every node field', () => {
    const plan = mustParse(fixture('postgres/03-hash-join-batches.json'));
    expect(plan.format).toBe('json');
    expect(plan.root).toMatchObject({
      nodeType: 'Hash Join',
      label: 'Hash Join',
      joinType: 'Inner',
    });
    expect(plan.root.extra).toEqual({ 'Inner Unique': 'true' });
    expect(node(plan, 2)).toMatchObject({
      nodeType: 'Hash',
      parentRelationship: 'Inner',
      hashBuckets: 4096,
      originalHashBuckets: 4096,
      hashBatches: 8,
      originalHashBatches: 8,
      peakMemoryKb: 166,
    });
    expect(node(plan, 2).buffers).toMatchObject({ sharedHit: 167, tempWritten: 119 });
    expect(plan.planningBuffers?.sharedHit).toBeGreaterThanOrEqual(0);
    expect(plan.analyzed && plan.timed && plan.hasBuffers).toBe(true);
  });

  it('reads the value PGlite returns, already parsed, and its row shape', () => {
    const parsed = JSON.parse(fixture('postgres/01-selective-seq-scan.json')) as unknown;
    const direct = parsePostgresJson(parsed);
    const rowShape = parsePostgresJson([{ 'QUERY PLAN': parsed }]);
    const objectOnly = parsePostgresJson((parsed as unknown[])[0]);
    for (const result of [direct, rowShape, objectOnly]) {
      expect(result.ok && result.plan.root.filter).toBe('(customer_id = 42)');
    }
  });

  it('reads sorts, sub-plans and heap fetches', () => {
    const sort = mustParse(fixture('postgres/04-external-merge-sort.json'));
    expect(sort.root).toMatchObject({
      sortKey: ['status', 'amount'],
      sortMethod: 'external merge',
      sortSpace: { type: 'Disk', kB: 4928 },
    });
    const cte = mustParse(fixture('postgres/09-cte-initplan.json'));
    expect(node(cte, 1)).toMatchObject({
      subplanName: 'CTE big',
      strategy: 'Hashed',
      label: 'HashAggregate',
    });
    expect(node(cte, 1).groupKey).toEqual(['orders.customer_id']);
    const fetches = mustParse(fixture('postgres/05-index-only-heap-fetches.json'));
    expect(fetches.root).toMatchObject({
      heapFetches: 5054,
      indexSearches: 1,
      scanDirection: 'Forward',
    });
  });

  it('reads plans without ANALYZE and without BUFFERS', () => {
    const plan = mustParse(fixture('postgres/14-estimates-only.json'));
    expect(plan.analyzed).toBe(false);
    expect(plan.hasBuffers).toBe(false);
    expect(plan.root.actualRows).toBeUndefined();
    expect(plan.root.inclusiveTime).toBeUndefined();
    expect(node(plan, 3).filter).toBe("(country = 'fr'::text)");
    const noBuffers = mustParse(fixture('postgres/23-pg14-psql-json-plus.txt'));
    expect(noBuffers.hasBuffers).toBe(false);
    expect(noBuffers.root.buffers).toBeUndefined();
  });

  it('reads triggers and parallel workers', () => {
    const insert = mustParse(fixture('postgres/15-insert-trigger.json'));
    expect(insert.root).toMatchObject({
      nodeType: 'ModifyTable',
      operation: 'Insert',
      label: 'Insert',
    });
    expect(insert.triggers).toHaveLength(1);
    expect(insert.triggers[0]).toMatchObject({
      name: 'customers_touch',
      relation: 'customers',
      calls: 1,
    });
    const workers = parsePostgresJson({
      Plan: {
        'Node Type': 'Gather',
        'Workers Planned': 2,
        'Workers Launched': 2,
        'Actual Total Time': 10,
        'Actual Loops': 1,
        Plans: [
          {
            'Node Type': 'Seq Scan',
            'Parallel Aware': true,
            'Relation Name': 't',
            'Actual Total Time': 9,
            'Actual Loops': 3,
            Workers: [
              {
                'Worker Number': 0,
                'Actual Total Time': 8.5,
                'Actual Rows': 10,
                'Actual Loops': 1,
              },
              {
                'Worker Number': 1,
                'Sort Method': 'quicksort',
                'Sort Space Used': 25,
                'Sort Space Type': 'Memory',
              },
            ],
          },
        ],
      },
    });
    if (!workers.ok) throw new Error(workers.error.message);
    const scan = node(workers.plan, 1);
    expect(scan.label).toBe('Parallel Seq Scan');
    expect(scan.workers).toEqual([
      { worker: 0, actualTotalTime: 8.5, actualRows: 10, actualLoops: 1, extra: {} },
      { worker: 1, sortMethod: 'quicksort', sortSpace: { type: 'Memory', kB: 25 }, extra: {} },
    ]);
  });

  it('builds the same labels as TEXT for folded names', () => {
    const read = (fields: Record<string, unknown>) => {
      const r = parsePostgresJson({ Plan: { 'Node Type': 'Hash Join', ...fields } });
      if (!r.ok) throw new Error(r.error.message);
      return r.plan.root.label;
    };
    expect(read({ 'Join Type': 'Right Anti' })).toBe('Hash Right Anti Join');
    expect(read({ 'Node Type': 'Nested Loop', 'Join Type': 'Semi' })).toBe('Nested Loop Semi Join');
    expect(read({ 'Node Type': 'Aggregate', Strategy: 'Sorted', 'Partial Mode': 'Finalize' })).toBe(
      'Finalize GroupAggregate',
    );
    expect(read({ 'Node Type': 'SetOp', Strategy: 'Hashed', Command: 'Intersect' })).toBe(
      'HashSetOp Intersect',
    );
    expect(read({ 'Node Type': 'Index Scan', 'Scan Direction': 'Backward' })).toBe(
      'Index Scan Backward',
    );
    expect(read({ 'Node Type': 'Foreign Scan', 'Async Capable': true })).toBe('Async Foreign Scan');
  });
});

describe('JSON and TEXT of the same query', () => {
  for (const name of [
    '03-hash-join-batches',
    '09-cte-initplan',
    '10-subplan',
    '13-gather-no-workers',
    '18-bitmap-or',
  ]) {
    it(`${name}: same nodes, fields and estimates`, () => {
      const json = mustParse(fixture(`postgres/${name}.json`));
      const text = mustParse(fixture(`postgres/${name}.txt`));
      expect(outline(text)).toEqual(outline(json));
      const fields = (n: ReturnType<typeof node>) => ({
        label: n.label,
        nodeType: n.nodeType,
        joinType: n.joinType,
        strategy: n.strategy,
        relation: n.relation,
        alias: n.alias,
        indexName: n.indexName,
        cteName: n.cteName,
        parentRelationship: n.parentRelationship,
        subplanName: n.subplanName,
        startupCost: n.startupCost,
        totalCost: n.totalCost,
        filter: n.filter,
        indexCond: n.indexCond,
        recheckCond: n.recheckCond,
        hashCond: n.hashCond,
        sortKey: n.sortKey,
        groupKey: n.groupKey,
        hashBatches: n.hashBatches,
        // Each format was a separate run: cache hits and reads trade places, their sum does not.
        blocks: n.buffers ? n.buffers.sharedHit + n.buffers.sharedRead : undefined,
        tempBlocks: n.buffers ? [n.buffers.tempRead, n.buffers.tempWritten] : undefined,
        exactHeapBlocks: n.exactHeapBlocks,
        workersPlanned: n.workersPlanned,
        workersLaunched: n.workersLaunched,
        // JSON always reports `Inner Unique`; TEXT only with VERBOSE.
        extra: Object.fromEntries(Object.entries(n.extra).filter(([k]) => k !== 'Inner Unique')),
      });
      for (let id = 0; id < json.nodeCount; id++) {
        expect(fields(node(text, id))).toEqual(fields(node(json, id)));
      }
    });
  }
});

describe('JSON errors', () => {
  it('reports malformed JSON without throwing', () => {
    const result = parsePostgresJson('[{"Plan": {"Node Type": "Seq Scan"');
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error.message).toMatch(
        /^This looks like JSON but it is incomplete or malformed/,
      );
  });
  it('reports JSON that is not a plan', () => {
    const result = parsePostgresJson('{"rows": []}');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/has no "Plan" object/);
  });
});
