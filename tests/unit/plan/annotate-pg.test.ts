import { describe, expect, it } from 'vitest';
import {
  annotatePlan,
  type Annotation,
  type AnnotateOptions,
} from '../../../src/engine/plan/annotate';
import { suggestedWorkMem } from '../../../src/engine/plan/rules-pg-memory';
import { fixture, lines, mustParse } from './helpers';

const run = (text: string, options: AnnotateOptions = {}): Annotation[] =>
  annotatePlan(mustParse(text), options);
const byRule = (text: string, rule: string, options: AnnotateOptions = {}) =>
  run(text, options).filter((a) => a.rule === rule);

// A seq scan that keeps `kept` of `kept + removed` rows, `loops` times.
const seqScan = (filter: string, kept: number, removed: number, loops = 1, on = 'orders') =>
  `Seq Scan on ${on}  (cost=0.00..2084.00 rows=5 width=34) (actual time=0.1..25.3 rows=${kept} loops=${loops})\n  Filter: ${filter}\n  Rows Removed by Filter: ${removed}`;

describe('pg-seq-scan-filter', () => {
  it('suggests the exact index for a selective filter on a large table', () => {
    const [a] = byRule(fixture('postgres/01-selective-seq-scan.txt'), 'pg-seq-scan-filter');
    expect(a).toMatchObject({
      id: 'pg-seq-scan-filter:0',
      severity: 'warning',
      nodeId: 0,
      title: 'Seq Scan on orders keeps 5 of 100,000 rows',
      suggestedSql: 'CREATE INDEX idx_orders_customer_id ON orders (customer_id);',
      undoSql: 'DROP INDEX idx_orders_customer_id;',
    });
    expect(a?.explanation).toContain('threw away 99,995 of the 100,000 rows');
  });
  it('puts equality columns first, keeps one range column, and reads casts to text as the column', () => {
    const [a] = byRule(
      seqScan(
        "((created_at > now()) AND ((status)::text = 'paid'::text) AND (deleted_at IS NULL) AND (id > 5))",
        10,
        99990,
      ),
      'pg-seq-scan-filter',
    );
    expect(a?.suggestedSql).toBe(
      'CREATE INDEX idx_orders_status_deleted_at_created_at ON orders (status, deleted_at, created_at);',
    );
  });
  it('quotes identifiers and qualifies tables outside public', () => {
    const plan = lines(
      'Seq Scan on sales."Order Items" oi  (cost=0.00..2084.00 rows=5 width=34) (actual time=0.1..25.3 rows=5 loops=1)',
      '  Filter: (oi."Sku" = 42)',
      '  Rows Removed by Filter: 99995',
    );
    expect(byRule(plan, 'pg-seq-scan-filter')[0]).toMatchObject({
      suggestedSql: 'CREATE INDEX idx_order_items_sku ON sales."Order Items" ("Sku");',
      undoSql: 'DROP INDEX sales.idx_order_items_sku;',
    });
  });
  it('counts every loop and turns critical at a million rows read', () => {
    const [a] = byRule(seqScan('(customer_id = c.id)', 5, 99995, 10), 'pg-seq-scan-filter');
    expect(a).toMatchObject({
      severity: 'critical',
      suggestedSql: 'CREATE INDEX idx_orders_customer_id ON orders (customer_id);',
    });
    expect(a?.explanation).toContain('It did this 10 times');
  });
  it('explains an OR filter without suggesting one index', () => {
    const [a] = byRule(seqScan('((a = 1) OR (b = 2))', 5, 99995), 'pg-seq-scan-filter');
    expect(a?.suggestedSql).toBeUndefined();
    expect(a?.explanation).toContain('OR');
  });
  it('stays quiet for small tables, unselective filters, and plans without ANALYZE', () => {
    expect(byRule(seqScan('(customer_id = 42)', 5, 9000), 'pg-seq-scan-filter')).toEqual([]);
    expect(byRule(seqScan('(amount > 10)', 97800, 2200), 'pg-seq-scan-filter')).toEqual([]);
    expect(
      byRule(
        'Seq Scan on orders  (cost=0.00..2084.00 rows=5 width=34)\n  Filter: (customer_id = 42)',
        'pg-seq-scan-filter',
      ),
    ).toEqual([]);
    // Only a wrapped column: the wrapped-column rule speaks instead.
    expect(byRule(fixture('postgres/07-function-filter.txt'), 'pg-seq-scan-filter')).toEqual([]);
  });
  it('indexes the parent of a partition once', () => {
    const found = byRule(fixture('postgres/11-append-partitions.txt'), 'pg-seq-scan-filter');
    expect(found.map((a) => [a.nodeId, a.suggestedSql])).toEqual([
      [1, 'CREATE INDEX idx_events_v ON events (v);'],
    ]);
  });
});

describe('pg-nested-loop-seq-scan', () => {
  it('suggests an index on the inner join column', () => {
    const [a] = byRule(
      fixture('postgres/02-nested-loop-inner-seq-scan.txt'),
      'pg-nested-loop-seq-scan',
    );
    expect(a).toMatchObject({
      severity: 'warning',
      nodeId: 2,
      title: 'Nested Loop rescans items 4 times',
      suggestedSql: 'CREATE INDEX idx_items_order_id ON items (order_id);',
      undoSql: 'DROP INDEX idx_items_order_id;',
    });
    expect(a?.explanation).toContain('120,000 row visits');
  });
  it('looks through a Materialize, counts its loops and indexes every join column', () => {
    const plan = lines(
      'Nested Loop  (cost=0.00..9842.37 rows=1 width=71) (actual time=1085.6..1085.6 rows=0 loops=1)',
      '  Join Filter: ((o.customer_id = c.id) AND (o.amount = (c.id)::numeric))',
      '  Rows Removed by Join Filter: 400000',
      '  ->  Seq Scan on customers c  (cost=0.00..1834.00 rows=4 width=34) (actual time=0.04..8.8 rows=4 loops=1)',
      '  ->  Materialize  (cost=0.00..2500.00 rows=100000 width=37) (actual time=0.001..8.0 rows=100000 loops=4)',
      '        ->  Seq Scan on orders o  (cost=0.00..1834.00 rows=100000 width=37) (actual time=0.01..30.0 rows=100000 loops=1)',
    );
    const [a] = byRule(plan, 'pg-nested-loop-seq-scan');
    expect(a).toMatchObject({
      nodeId: 3,
      title: 'Nested Loop rescans orders 4 times',
      suggestedSql: 'CREATE INDEX idx_orders_customer_id_amount ON orders (customer_id, amount);',
    });
  });
  it('stays quiet when the inner side is scanned once or is small', () => {
    const once = fixture('postgres/02-nested-loop-inner-seq-scan.txt').replace(
      'rows=30000.00 loops=4',
      'rows=30000.00 loops=1',
    );
    expect(byRule(once, 'pg-nested-loop-seq-scan')).toEqual([]);
    const small = fixture('postgres/02-nested-loop-inner-seq-scan.txt').replace(
      'rows=30000.00 loops=4',
      'rows=300.00 loops=4',
    );
    expect(byRule(small, 'pg-nested-loop-seq-scan')).toEqual([]);
  });
});

describe('pg-misestimate', () => {
  const scan = (est: number, rows: number) =>
    `Seq Scan on t  (cost=0.00..100.00 rows=${est} width=4) (actual time=0.1..1.0 rows=${rows} loops=1)`;
  it('grades under and over estimates at 10×, 100× and 1000×', () => {
    expect(byRule(scan(10, 150), 'pg-misestimate').map((a) => a.severity)).toEqual(['info']);
    expect(byRule(scan(10, 1500), 'pg-misestimate').map((a) => a.severity)).toEqual(['warning']);
    expect(byRule(scan(10, 15000), 'pg-misestimate').map((a) => a.severity)).toEqual(['critical']);
    expect(byRule(scan(20000, 15), 'pg-misestimate')[0]).toMatchObject({
      severity: 'critical',
      title: 'Row estimate off by 1,333× (expected 20,000, got 15)',
      suggestedSql: 'ANALYZE t;',
    });
  });
  it('stays quiet below 10×, for tiny counts, and without ANALYZE', () => {
    expect(byRule(scan(100, 900), 'pg-misestimate')).toEqual([]);
    expect(byRule(scan(1, 40), 'pg-misestimate')).toEqual([]);
    expect(byRule('Seq Scan on t  (cost=0.00..100.00 rows=10 width=4)', 'pg-misestimate')).toEqual(
      [],
    );
  });
  it('suggests statistics on correlated columns and on expressions', () => {
    const [correlated] = byRule(
      fixture('postgres/06-misestimate-correlated.txt'),
      'pg-misestimate',
    );
    expect(correlated).toMatchObject({
      suggestedSql:
        'CREATE STATISTICS stat_orders_a_b (dependencies) ON a, b FROM orders;\nANALYZE orders;',
      undoSql: 'DROP STATISTICS stat_orders_a_b;',
      alternatives: [{ label: 'Refresh the table statistics', sql: 'ANALYZE orders;' }],
    });
    const [expression] = byRule(fixture('postgres/07-function-filter.txt'), 'pg-misestimate');
    expect(expression).toMatchObject({
      severity: 'warning',
      suggestedSql:
        'CREATE STATISTICS stat_customers_lower_email ON (lower(email)) FROM customers;\nANALYZE customers;',
    });
  });
  it('reports where the error starts, not every node above it, and skips what a Limit cut short', () => {
    const plan = lines(
      'Hash Join  (cost=1.00..100.00 rows=10 width=4) (actual time=0.1..5.0 rows=5000 loops=1)',
      '  Hash Cond: (a.id = b.id)',
      '  ->  Seq Scan on a  (cost=0.00..50.00 rows=10 width=4) (actual time=0.1..1.0 rows=5000 loops=1)',
      '  ->  Hash  (cost=1.00..1.00 rows=10 width=4) (actual time=0.1..0.1 rows=10 loops=1)',
      '        ->  Seq Scan on b  (cost=0.00..1.00 rows=10 width=4) (actual time=0.1..0.1 rows=10 loops=1)',
    );
    expect(byRule(plan, 'pg-misestimate').map((a) => [a.nodeId, a.suggestedSql])).toEqual([
      [1, 'ANALYZE a;'],
    ]);
    expect(byRule(fixture('postgres/25-pg15-psql-border2.txt'), 'pg-misestimate')).toEqual([]);
  });
  it('does not offer ANALYZE when the value is only known at run time', () => {
    const [a] = byRule(fixture('postgres/20-pg12-psql-initplan.txt'), 'pg-misestimate');
    expect(a?.suggestedSql).toBeUndefined();
    expect(a?.explanation).toContain('ANALYZE cannot change that');
  });
});

describe('pg-work-mem', () => {
  it('sizes work_mem for a hash that split into batches', () => {
    const [a] = byRule(fixture('postgres/03-hash-join-batches.txt'), 'pg-work-mem');
    expect(a).toMatchObject({
      nodeId: 2,
      severity: 'warning',
      suggestedSql: "SET work_mem = '2MB';",
      undoSql: 'RESET work_mem;',
    });
    expect(a?.explanation).toContain('8 batches');
  });
  it('sizes work_mem for a sort on disk and offers the index that avoids it', () => {
    const [a] = byRule(fixture('postgres/04-external-merge-sort.txt'), 'pg-work-mem');
    expect(a).toMatchObject({
      nodeId: 0,
      suggestedSql: "SET work_mem = '16MB';",
      alternatives: [
        {
          label: 'Index orders in the sort order',
          sql: 'CREATE INDEX idx_orders_status_amount ON orders (status, amount);',
          undoSql: 'DROP INDEX idx_orders_status_amount;',
        },
      ],
    });
  });
  it('keeps DESC in the sort index and covers HashAggregate spills', () => {
    const sort = lines(
      'Sort  (cost=1.00..2.00 rows=100000 width=4) (actual time=10.0..20.0 rows=100000 loops=1)',
      '  Sort Key: t.created_at DESC, t.id',
      '  Sort Method: external sort  Disk: 1000kB',
      '  ->  Seq Scan on t  (cost=0.00..1.00 rows=100000 width=4) (actual time=0.1..5.0 rows=100000 loops=1)',
    );
    expect(byRule(sort, 'pg-work-mem')[0]?.alternatives?.[0]?.sql).toBe(
      'CREATE INDEX idx_t_created_at_id ON t (created_at DESC, id);',
    );
    expect(byRule(fixture('postgres/12-hashagg-spill.txt'), 'pg-work-mem')[0]).toMatchObject({
      nodeId: 0,
      suggestedSql: "SET work_mem = '16MB';",
    });
  });
  it('stays quiet for sorts and hashes that fit in memory', () => {
    expect(byRule(fixture('postgres/16-materialized-cte.txt'), 'pg-work-mem')).toEqual([]);
    expect(byRule(fixture('postgres/09-cte-initplan.txt'), 'pg-work-mem')).toEqual([]);
  });
  it('rounds the size up to a power of two with headroom', () => {
    expect([
      suggestedWorkMem(100),
      suggestedWorkMem(1328),
      suggestedWorkMem(9856),
      suggestedWorkMem(900_000),
    ]).toEqual(['1MB', '2MB', '16MB', '2GB']);
  });
});

describe('pg-heap-fetches', () => {
  it('suggests VACUUM for an Index Only Scan that visited the table', () => {
    expect(byRule(fixture('postgres/05-index-only-heap-fetches.txt'), 'pg-heap-fetches')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        nodeId: 0,
        suggestedSql: 'VACUUM io;',
        title: 'Index Only Scan still read io 5,054 times',
      }),
    ]);
    const few = fixture('postgres/05-index-only-heap-fetches.txt').replace(
      'Heap Fetches: 5054',
      'Heap Fetches: 12',
    );
    expect(byRule(few, 'pg-heap-fetches')[0]?.severity).toBe('info');
  });
  it('stays quiet when no heap fetch was needed', () => {
    const clean = fixture('postgres/05-index-only-heap-fetches.txt').replace(
      'Heap Fetches: 5054',
      'Heap Fetches: 0',
    );
    expect(byRule(clean, 'pg-heap-fetches')).toEqual([]);
  });
});

describe('pg-wrapped-column', () => {
  it('suggests an expression index for a function around the column', () => {
    expect(
      byRule(fixture('postgres/07-function-filter.txt'), 'pg-wrapped-column')[0],
    ).toMatchObject({
      severity: 'warning',
      title: '`lower(email)` hides `email` from indexes',
      suggestedSql: 'CREATE INDEX idx_customers_lower_email ON customers ((lower(email)));',
      undoSql: 'DROP INDEX idx_customers_lower_email;',
    });
  });
  it('offers a range rewrite for date(), and only the rewrite for timestamptz', () => {
    const [a] = byRule(fixture('postgres/08-date-filter.txt'), 'pg-wrapped-column');
    expect(a?.suggestedSql).toBe(
      'CREATE INDEX idx_orders_date_created_at ON orders ((date(created_at)));',
    );
    expect(a?.alternatives?.[0]?.sql).toBe(
      'CREATE INDEX idx_orders_created_at ON orders (created_at);',
    );
    expect(a?.explanation).toContain("created_at >= '2024-01-10' AND created_at < '2024-01-11'");
    const [zoned] = byRule(fixture('postgres/08-date-filter.txt'), 'pg-wrapped-column', {
      columnTypes: { orders: { created_at: 'timestamp with time zone' } },
    });
    expect(zoned?.suggestedSql).toBe('CREATE INDEX idx_orders_created_at ON orders (created_at);');
    expect(zoned?.explanation).toContain('cannot be indexed');
  });
  it('counts a cast to text as wrapping only when the column is not text', () => {
    const plan = seqScan("((code)::text = '42'::text)", 5, 99995);
    expect(byRule(plan, 'pg-wrapped-column')).toEqual([]);
    const [a] = byRule(plan, 'pg-wrapped-column', { columnTypes: { orders: { code: 'integer' } } });
    expect(a?.suggestedSql).toBe('CREATE INDEX idx_orders_code_text ON orders (((code)::text));');
  });
  it('is only information on a small table, and silent on an index condition', () => {
    expect(
      byRule(seqScan("(upper(name) = 'X'::text)", 1, 99), 'pg-wrapped-column')[0]?.severity,
    ).toBe('info');
    const indexed = lines(
      'Index Scan using i on customers  (cost=0.29..8.30 rows=1 width=37) (actual time=0.01..0.02 rows=1 loops=1)',
      "  Index Cond: (lower(email) = 'a'::text)",
    );
    expect(byRule(indexed, 'pg-wrapped-column')).toEqual([]);
  });
});

describe('pg-slowest-node and pg-costliest-node', () => {
  it('calls out the node that took most of the time, by level', () => {
    const [slow] = byRule(fixture('postgres/10-subplan.txt'), 'pg-slowest-node');
    expect(slow).toMatchObject({
      severity: 'critical',
      nodeId: 2,
      title: 'Seq Scan on orders o took 99.5% of the time',
    });
    const [half] = byRule(fixture('postgres/04-external-merge-sort.txt'), 'pg-slowest-node');
    expect(half).toMatchObject({
      severity: 'warning',
      nodeId: 0,
      title: 'Sort took 89% of the time',
    });
  });
  it('stays quiet when time is spread out, for one-node plans and for fast queries', () => {
    expect(byRule(fixture('postgres/21-pg16-parallel-sort.txt'), 'pg-slowest-node')).toHaveLength(
      1,
    );
    const spread = lines(
      'Append  (cost=0.00..2.00 rows=2 width=4) (actual time=0.1..30.0 rows=2 loops=1)',
      '  ->  Seq Scan on a  (cost=0.00..1.00 rows=1 width=4) (actual time=0.1..10.0 rows=1 loops=1)',
      '  ->  Seq Scan on b  (cost=0.00..1.00 rows=1 width=4) (actual time=0.1..10.0 rows=1 loops=1)',
    );
    expect(byRule(spread, 'pg-slowest-node')).toEqual([]);
    expect(byRule(fixture('postgres/01-selective-seq-scan.txt'), 'pg-slowest-node')).toEqual([]);
    expect(byRule(fixture('postgres/29-pg15-never-executed.txt'), 'pg-slowest-node')).toEqual([]);
  });
  it('names the costliest node by its own cost', () => {
    const [a] = byRule(fixture('postgres/10-subplan.txt'), 'pg-costliest-node');
    expect(a).toMatchObject({ severity: 'info', nodeId: 2 });
    expect(a?.explanation).toContain('2,084 of the plan');
    expect(byRule(fixture('postgres/17-primary-key-lookup.txt'), 'pg-costliest-node')).toEqual([]);
  });
});

describe('annotatePlan', () => {
  it('orders by severity and does not repeat a suggestion', () => {
    const all = run(fixture('postgres/10-subplan.txt'));
    expect(all.map((a) => a.rule)).toEqual([
      'pg-slowest-node',
      'pg-seq-scan-filter',
      'pg-costliest-node',
    ]);
    const sameIndex = run(
      lines(
        'Append  (cost=0.00..2.00 rows=2 width=4) (actual time=0.1..30.0 rows=2 loops=1)',
        '  ->  Seq Scan on t a  (cost=0.00..1.00 rows=1 width=4) (actual time=0.1..10.0 rows=1 loops=1)',
        '        Filter: (x = 1)',
        '        Rows Removed by Filter: 99999',
        '  ->  Seq Scan on t b  (cost=0.00..1.00 rows=1 width=4) (actual time=0.1..10.0 rows=1 loops=1)',
        '        Filter: (x = 2)',
        '        Rows Removed by Filter: 99999',
      ),
    ).filter((a) => a.rule === 'pg-seq-scan-filter');
    expect(sameIndex.map((a) => a.nodeId)).toEqual([1]);
  });
  it('gives every annotation a unique id', () => {
    const all = run(fixture('postgres/06-misestimate-correlated.txt'));
    expect(new Set(all.map((a) => a.id)).size).toBe(all.length);
  });
});
