import { describe, expect, it } from 'vitest';
import { parsePostgresText } from '../../../src/engine/plan/postgres-text';
import { parsePlan } from '../../../src/engine/plan/parse';
import { fixture, lines, mustParse, node } from './helpers';
import { outline } from './outline';

const PLAN = lines(
  'Hash Join  (cost=8.41..2104.96 rows=20 width=71) (actual time=0.285..804.661 rows=20.00 loops=1)',
  '  Hash Cond: (o.customer_id = c.id)',
  '  Buffers: shared hit=837',
  '  ->  Seq Scan on orders o  (cost=0.00..1834.00 rows=100000 width=34) (actual time=0.034..435.997 rows=100000.00 loops=1)',
  '        Buffers: shared hit=834',
  '  ->  Hash  (cost=8.36..8.36 rows=4 width=37) (actual time=0.236..0.239 rows=4.00 loops=1)',
  '        Buckets: 1024  Batches: 1  Memory Usage: 5kB',
  '        ->  Index Scan using customers_pkey on customers c  (cost=0.29..8.36 rows=4 width=37) (actual time=0.062..0.069 rows=4.00 loops=1)',
  '              Index Cond: (id < 5)',
  '              Index Searches: 1',
  'Planning:',
  '  Buffers: shared hit=54',
  'Planning Time: 1.318 ms',
  'Execution Time: 804.899 ms',
);

describe('TEXT plans', () => {
  it('builds the tree from indentation and attaches details to the right node', () => {
    const plan = mustParse(PLAN);
    expect(outline(plan)).toEqual([
      'Hash Join est=20 rows=20 loops=1',
      '  Seq Scan on orders o est=100000 rows=100000 loops=1',
      '  Hash est=4 rows=4 loops=1',
      '    Index Scan using customers_pkey on customers c est=4 rows=4 loops=1',
    ]);
    expect(plan.root.hashCond).toBe('(o.customer_id = c.id)');
    expect(plan.root.joinType).toBe('Inner');
    expect(node(plan, 1).parentRelationship).toBe('Outer');
    expect(node(plan, 2).parentRelationship).toBe('Inner');
    expect(node(plan, 2).peakMemoryKb).toBe(5);
    expect(node(plan, 3)).toMatchObject({
      indexName: 'customers_pkey',
      relation: 'customers',
      alias: 'c',
      indexCond: '(id < 5)',
      indexSearches: 1,
    });
    expect(node(plan, 1).buffers?.sharedHit).toBe(834);
    expect(plan.planningBuffers?.sharedHit).toBe(54);
    expect(plan).toMatchObject({ planningTime: 1.318, executionTime: 804.899, format: 'text' });
    expect(plan.analyzed && plan.timed && plan.hasBuffers).toBe(true);
  });

  it('gives the same tree however the client framed it', () => {
    const expected = outline(mustParse(PLAN));
    const psql = [
      '                    QUERY PLAN',
      '-------------------------------------------------',
      ...PLAN.split('\n').map((l) => ` ${l}`),
      '(14 rows)',
      '',
    ].join('\n');
    const quoted = ['"QUERY PLAN"', ...PLAN.split('\n').map((l) => `"${l}"`)].join('\n');
    const crlf = `\n\n   ${PLAN.replace(/\n/g, '\r\n')}\r\n\r\n`;
    const plus = PLAN.split('\n')
      .map((l) => ` ${l.padEnd(140)}+`)
      .join('\n');
    for (const text of [psql, quoted, crlf, plus])
      expect(outline(mustParse(text))).toEqual(expected);
  });

  it('joins lines that a terminal wrapped, keeping the split numbers whole', () => {
    const plan = mustParse(fixture('postgres/24-pg17-terminal-wrapped.txt'));
    expect(plan.root.actualTotalTime).toBe(2.932);
    expect(node(plan, 1)).toMatchObject({ actualStartupTime: 0.024, actualTotalTime: 2.236 });
    expect(node(plan, 2)).toMatchObject({
      actualStartupTime: 0.027,
      actualTotalTime: 0.845,
      cteName: 'x',
    });
    expect(plan.executionTime).toBe(2.983);
  });

  it('reads InitPlans, SubPlans and CTEs with the relationship JSON gives them', () => {
    const plan = mustParse(fixture('postgres/09-cte-initplan.txt'));
    expect(node(plan, 1)).toMatchObject({ parentRelationship: 'InitPlan', subplanName: 'CTE big' });
    expect(node(plan, 3)).toMatchObject({
      parentRelationship: 'InitPlan',
      subplanName: 'InitPlan 2',
    });
    expect(node(plan, 4)).toMatchObject({ nodeType: 'CTE Scan', cteName: 'big', alias: 'big_1' });
    const sub = mustParse(fixture('postgres/10-subplan.txt'));
    expect(node(sub, 1)).toMatchObject({
      parentRelationship: 'SubPlan',
      subplanName: 'SubPlan 1',
      actualLoops: 9,
    });
    expect(node(sub, 2).filter).toBe('(customer_id = c.id)');
  });

  it('reads per-worker lines, including their nested buffers', () => {
    const plan = mustParse(fixture('postgres/28-pg12-verbose-workers.txt'));
    const scan = node(plan, 1);
    expect(scan).toMatchObject({
      nodeType: 'Seq Scan',
      parallelAware: true,
      schema: 'public',
      relation: 'orders',
    });
    expect(scan.output).toEqual(['o.id']);
    expect(scan.buffers?.sharedHit).toBe(5406);
    expect(scan.workers).toEqual([
      {
        worker: 0,
        actualStartupTime: 28.944,
        actualTotalTime: 28.944,
        actualRows: 0,
        actualLoops: 1,
        extra: { Buffers: 'shared hit=1790' },
      },
      {
        worker: 1,
        actualStartupTime: 28.78,
        actualTotalTime: 28.78,
        actualRows: 0,
        actualLoops: 1,
        extra: { Buffers: 'shared hit=1731' },
      },
    ]);
    const sorted = mustParse(fixture('postgres/21-pg16-parallel-sort.txt'));
    expect(node(sorted, 1).workers?.map((w) => w.sortSpace)).toEqual([
      { type: 'Disk', kB: 9712 },
      { type: 'Disk', kB: 9784 },
    ]);
    expect(node(sorted, 1).buffers?.tempWritten).toBe(7384);
    expect(sorted.root).toMatchObject({ workersPlanned: 2, workersLaunched: 2 });
  });

  it('keeps top-level sections, settings and triggers', () => {
    const plan = mustParse(fixture('postgres/26-pg13-crlf-unicode-jit.txt'));
    expect(plan.extra).toEqual({
      Settings: "work_mem = '64MB'",
      'JIT Functions': '4',
      'JIT Options': 'Inlining false, Optimization false, Expressions true, Deforming true',
      'JIT Timing':
        'Generation 0.402 ms, Inlining 0.000 ms, Optimization 0.171 ms, Emission 2.512 ms, Total 3.085 ms',
    });
    expect(plan.triggers).toEqual([
      {
        name: 'accounts_branch_fk',
        constraint: 'accounts_branch_fk',
        time: 310.223,
        calls: 100000,
      },
    ]);
    expect(plan.root).toMatchObject({
      nodeType: 'ModifyTable',
      operation: 'Update',
      relation: 'accounts',
    });
    expect(plan.root.buffers).toMatchObject({ sharedDirtied: 1732, sharedWritten: 12 });
  });

  it('reads quoted identifiers and pgAdmin doubled quotes', () => {
    const plan = mustParse(fixture('postgres/22-pg13-pgadmin-quoted.txt'));
    expect(node(plan, 1)).toMatchObject({
      relation: 'Tasks',
      alias: 't',
      filter: `("Status" = 'open'::text)`,
    });
    expect(plan.root.hashCond).toBe('(t."ProjectId" = p.id)');
  });

  it('reads plans without ANALYZE and without costs', () => {
    const plan = mustParse(fixture('postgres/30-pg12-costs-off.txt'));
    expect(plan.analyzed).toBe(false);
    expect(plan.root).toMatchObject({ nodeType: 'Sort', sortKey: ['c.name'] });
    expect(node(plan, 2).filter).toBe("(amount > '100'::numeric)");
    const timingOff = mustParse(fixture('postgres/19-timing-off.txt'));
    expect(timingOff.analyzed).toBe(true);
    expect(timingOff.timed).toBe(false);
    expect(timingOff.root.exclusiveTime).toBeUndefined();
  });

  it('marks never-executed nodes with zero loops and zero time', () => {
    const plan = mustParse(fixture('postgres/29-pg15-never-executed.txt'));
    expect(node(plan, 2)).toMatchObject({
      neverExecuted: true,
      actualLoops: 0,
      actualRows: 0,
      inclusiveTime: 0,
    });
  });

  it('folds join types, strategies, directions and operations like JSON does', () => {
    const heading = (h: string) => mustParse(`${h}  (cost=0.00..1.00 rows=1 width=4)`).root;
    expect(heading('Hash Right Anti Join')).toMatchObject({
      nodeType: 'Hash Join',
      joinType: 'Right Anti',
    });
    expect(heading('Nested Loop Left Join')).toMatchObject({
      nodeType: 'Nested Loop',
      joinType: 'Left',
    });
    expect(heading('Partial HashAggregate')).toMatchObject({
      nodeType: 'Aggregate',
      strategy: 'Hashed',
      partialMode: 'Partial',
    });
    expect(heading('HashSetOp Except All')).toMatchObject({
      nodeType: 'SetOp',
      strategy: 'Hashed',
      operation: 'Except All',
    });
    expect(heading('Parallel Hash Join')).toMatchObject({
      nodeType: 'Hash Join',
      parallelAware: true,
    });
    expect(heading('Index Only Scan Backward using i on "My Table" x')).toMatchObject({
      nodeType: 'Index Only Scan',
      scanDirection: 'Backward',
      indexName: 'i',
      relation: 'My Table',
      alias: 'x',
    });
    expect(heading('Delete on sales.orders o')).toMatchObject({
      nodeType: 'ModifyTable',
      operation: 'Delete',
      schema: 'sales',
      relation: 'orders',
    });
    expect(heading('Function Scan on generate_series g')).toMatchObject({
      functionName: 'generate_series',
      alias: 'g',
    });
    expect(heading('Bitmap Index Scan on orders_created_at_idx')).toMatchObject({
      indexName: 'orders_created_at_idx',
    });
    expect(heading('Bitmap Index Scan on orders_created_at_idx').relation).toBeUndefined();
  });
});

describe('TEXT errors', () => {
  it('points at the line it could not read, in the pasted numbering', () => {
    const text = [
      '  QUERY PLAN',
      '-------',
      PLAN.split('\n').slice(0, 4).join('\n'),
      'this is not a plan line',
    ].join('\n');
    const result = parsePostgresText(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.line).toBe(7);
    expect(result.error.message).toMatch(/^Line 7 could not be read: "this is not a plan line"/);
  });
  it('says when there is no plan tree', () => {
    const result = parsePlan('Planning Time: 0.1 ms\nExecution Time: 0.2 ms');
    expect(result).toEqual({
      ok: false,
      error: {
        message:
          'This looks like EXPLAIN output without a plan tree: no line like "Seq Scan on t  (cost=…)" was found.',
      },
    });
  });
  it('refuses two plans pasted together', () => {
    const result = parsePlan(`${PLAN}\n${PLAN.split('\n')[0] ?? ''}`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/^Line 15 starts a second plan/);
  });
});
