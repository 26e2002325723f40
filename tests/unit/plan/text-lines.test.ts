import { describe, expect, it } from 'vitest';
import {
  classifyLine,
  openParens,
  parseDetailLine,
  parseNodeLine,
  parseSubplanLine,
  parseTimeLine,
  parseTriggerLine,
  parseWorkerLine,
} from '../../../src/engine/plan/text-lines';
import { DETAIL_PARSERS, parseBuffers } from '../../../src/engine/plan/text-details';
import { splitTopLevel } from '../../../src/engine/plan/pg-expr';

describe('node lines', () => {
  it('reads Postgres 18 actual rows with two decimals', () => {
    const line = parseNodeLine(
      '  ->  Hash Join  (cost=8.41..2104.96 rows=20 width=71) (actual time=0.285..804.661 rows=20.50 loops=3)',
    );
    expect(line).toEqual({
      kind: 'node',
      indent: 2,
      nameIndent: 6,
      hasArrow: true,
      heading: 'Hash Join',
      neverExecuted: false,
      costs: { startupCost: 8.41, totalCost: 2104.96, estimatedRows: 20, estimatedWidth: 71 },
      actuals: {
        actualStartupTime: 0.285,
        actualTotalTime: 804.661,
        actualRows: 20.5,
        actualLoops: 3,
      },
    });
  });
  it('reads the integer rows of Postgres 17 and earlier', () => {
    const line = parseNodeLine(
      'Seq Scan on t  (cost=0.00..1.05 rows=5 width=4) (actual time=0.01..0.02 rows=5 loops=1)',
    );
    expect(line?.actuals?.actualRows).toBe(5);
    expect(line?.heading).toBe('Seq Scan on t');
    expect(line?.hasArrow).toBe(false);
  });
  it('reads TIMING OFF, COSTS OFF and never executed', () => {
    expect(
      parseNodeLine('Seq Scan on t  (cost=0.00..1.05 rows=5 width=4) (actual rows=5.00 loops=1)')
        ?.actuals,
    ).toEqual({
      actualRows: 5,
      actualLoops: 1,
    });
    const costsOff = parseNodeLine(
      'Seq Scan on orders (actual time=0.026..48.251 rows=5.00 loops=1)',
    );
    expect(costsOff?.costs).toBeUndefined();
    expect(costsOff?.actuals?.actualTotalTime).toBe(48.251);
    expect(
      parseNodeLine(
        '  ->  Index Scan using i on p  (cost=0.29..8.31 rows=1 width=36) (never executed)',
      )?.neverExecuted,
    ).toBe(true);
    expect(parseNodeLine('   ->  Hash')).toMatchObject({
      heading: 'Hash',
      indent: 3,
      nameIndent: 7,
    });
  });
  it('does not take a detail or a bare name for a node', () => {
    expect(parseNodeLine('  Filter: (a = 5)')).toBeUndefined();
    expect(parseNodeLine('Seq Scan on t')).toBeUndefined();
  });
});

describe('other line kinds', () => {
  it('reads InitPlan, SubPlan and CTE headers, old and new', () => {
    expect(parseSubplanLine('  InitPlan 1 (returns $0)')).toEqual({
      kind: 'subplan',
      indent: 2,
      name: 'InitPlan 1',
      relationship: 'InitPlan',
    });
    expect(parseSubplanLine('    SubPlan 2')).toMatchObject({
      name: 'SubPlan 2',
      relationship: 'SubPlan',
    });
    expect(parseSubplanLine('  CTE big')).toMatchObject({
      name: 'CTE big',
      relationship: 'InitPlan',
    });
    expect(parseSubplanLine('  CTE "Big One"')).toMatchObject({ name: 'CTE Big One' });
    expect(parseSubplanLine('  CTE Scan on big')).toBeUndefined();
  });
  it('reads worker lines of both spacings', () => {
    expect(
      parseWorkerLine('        Worker 0:  actual time=0.031..10.522 rows=33333.33 loops=1'),
    ).toEqual({
      kind: 'worker',
      indent: 8,
      worker: 0,
      rest: 'actual time=0.031..10.522 rows=33333.33 loops=1',
    });
    expect(parseWorkerLine('   Worker 1: Sort Method: quicksort  Memory: 25kB')?.rest).toBe(
      'Sort Method: quicksort  Memory: 25kB',
    );
  });
  it('reads planning and execution times of every version', () => {
    expect(parseTimeLine('Planning Time: 0.097 ms')).toEqual({ kind: 'planning-time', ms: 0.097 });
    expect(parseTimeLine(' Planning time: 1.5 ms')).toEqual({ kind: 'planning-time', ms: 1.5 });
    expect(parseTimeLine('Execution Time: 12.077 ms')).toEqual({
      kind: 'execution-time',
      ms: 12.077,
    });
    expect(parseTimeLine('Total runtime: 3 ms')).toEqual({ kind: 'execution-time', ms: 3 });
  });
  it('reads trigger lines with and without constraint and relation', () => {
    expect(
      parseTriggerLine('Trigger for constraint orders_customer_id_fkey: time=1.158 calls=1')
        ?.trigger,
    ).toEqual({
      name: 'orders_customer_id_fkey',
      constraint: 'orders_customer_id_fkey',
      time: 1.158,
      calls: 1,
    });
    expect(parseTriggerLine('Trigger t_before on orders: time=17.498 calls=3')?.trigger).toEqual({
      name: 't_before',
      relation: 'orders',
      time: 17.498,
      calls: 3,
    });
  });
  it('reads details and section headers, but not wrapped fragments', () => {
    expect(parseDetailLine('  Rows Removed by Filter: 99900')).toEqual({
      kind: 'detail',
      indent: 2,
      key: 'Rows Removed by Filter',
      value: '99900',
    });
    expect(parseDetailLine('Planning:')).toMatchObject({ key: 'Planning', value: '' });
    expect(parseDetailLine('ter: 261')).toBeUndefined();
  });
  it('classifies in order: a CTE Scan is a node, "CTE x" a header', () => {
    expect(
      classifyLine('  ->  CTE Scan on x b  (cost=0.00..100.00 rows=5000 width=100)')?.kind,
    ).toBe('node');
    expect(classifyLine('  CTE x')?.kind).toBe('subplan');
    expect(classifyLine('Execution Time: 1 ms')?.kind).toBe('execution-time');
  });
  it('counts open parentheses outside quotes', () => {
    expect(openParens("Filter: ((a = '(') AND (b")).toBe(2);
    expect(openParens('(cost=1..2 rows=1 width=4)')).toBe(0);
  });
});

describe('detail values', () => {
  const read = (key: string, value: string) => DETAIL_PARSERS[key]?.(value);
  it('reads sort methods with memory or disk', () => {
    expect(read('Sort Method', 'external merge  Disk: 3392kB')).toEqual({
      sortMethod: 'external merge',
      sortSpace: { type: 'Disk', kB: 3392 },
    });
    expect(read('Sort Method', 'top-N heapsort  Memory: 17kB')).toEqual({
      sortMethod: 'top-N heapsort',
      sortSpace: { type: 'Memory', kB: 17 },
    });
  });
  it('reads hash buckets and batches, grown or not', () => {
    expect(
      read('Buckets', '4096 (originally 1024)  Batches: 8 (originally 1)  Memory Usage: 166kB'),
    ).toEqual({
      hashBuckets: 4096,
      originalHashBuckets: 1024,
      hashBatches: 8,
      originalHashBatches: 1,
      peakMemoryKb: 166,
    });
    expect(read('Buckets', '1024  Batches: 1  Memory Usage: 5kB')).toMatchObject({
      hashBatches: 1,
      originalHashBatches: 1,
    });
  });
  it('reads HashAggregate batches and disk usage', () => {
    expect(
      read('Planned Partitions', '4  Batches: 21  Memory Usage: 169kB  Disk Usage: 3440kB'),
    ).toEqual({
      hashBatches: 21,
      peakMemoryKb: 169,
      diskUsageKb: 3440,
      extra: { 'Planned Partitions': '4' },
    });
    expect(read('Batches', '1  Memory Usage: 4497kB')).toEqual({
      hashBatches: 1,
      peakMemoryKb: 4497,
    });
  });
  it('reads buffers of every area and rejects unknown ones', () => {
    expect(
      parseBuffers(
        'shared hit=834 read=52 dirtied=1 written=2, local hit=3, temp read=613 written=614',
      ),
    ).toEqual({
      sharedHit: 834,
      sharedRead: 52,
      sharedDirtied: 1,
      sharedWritten: 2,
      localHit: 3,
      localRead: 0,
      localDirtied: 0,
      localWritten: 0,
      tempRead: 613,
      tempWritten: 614,
    });
    expect(parseBuffers('shared hot=1')).toBeUndefined();
  });
  it('splits key lists at top-level commas only', () => {
    expect(splitTopLevel("a, lower((b)::text), c DESC, 'x,y'::text", ',')).toEqual([
      'a',
      'lower((b)::text)',
      'c DESC',
      "'x,y'::text",
    ]);
  });
  it('rejects a count that is not a number', () => {
    expect(read('Heap Fetches', 'many')).toBeUndefined();
    expect(read('Heap Fetches', '5054')).toEqual({ heapFetches: 5054 });
  });
});
