// The ERD layout without a browser: model → ELK graph → elkjs → positioned model.
import { describe, expect, it } from 'vitest';
import ELK from 'elkjs/lib/elk.bundled.js';
import {
  aspectRatio,
  buildLayoutGraph,
  DEFAULT_METRICS,
  nodeOverlaps,
  rowCenter,
  runLayout,
  runLayoutWith,
  warmUpModel,
  type PositionedEdge,
  type PositionedLayout,
  type PositionedNode,
} from '../../../src/erd/layout';
import type { SchemaModel } from '../../../src/schema/model';
import { disconnectedModel, generatedModel, model } from './models';

const options = { metrics: DEFAULT_METRICS };

const shop = model([
  { name: 'customer', columns: ['id', ['name', 'text']] },
  {
    name: 'orders',
    columns: ['id', ['placed_at', 'timestamptz'], 'customer_id'],
    fks: [{ columns: ['customer_id'], to: 'customer', toColumns: ['id'] }],
  },
  {
    name: 'order_line',
    columns: ['order_id', 'line_no', 'qty', 'parent_line'],
    pk: ['order_id', 'line_no'],
    fks: [
      { columns: ['order_id'], to: 'orders', toColumns: ['id'] },
      {
        columns: ['order_id', 'parent_line'],
        to: 'order_line',
        toColumns: ['order_id', 'line_no'],
      },
    ],
  },
]);

function node(layout: PositionedLayout, key: string): PositionedNode {
  const n = layout.nodes.find((x) => x.key === key);
  if (!n) throw new Error(`no node ${key}`);
  return n;
}

/** Asserts that `p` lies on the left or right side of `n`, at the middle of `column`'s row. */
function expectOnRow(p: { x: number; y: number } | undefined, n: PositionedNode, row: number) {
  expect(p).toBeDefined();
  if (!p) return;
  const onSide = Math.abs(p.x - n.x) < 1 || Math.abs(p.x - (n.x + n.width)) < 1;
  expect(onSide, `x ${p.x} on a side of ${n.key} [${n.x}, ${n.x + n.width}]`).toBe(true);
  expect(p.y).toBeCloseTo(n.y + rowCenter(row, DEFAULT_METRICS), 0);
}

function expectOrthogonal(edge: PositionedEdge) {
  edge.points.slice(1).forEach((p, i) => {
    const prev = edge.points[i];
    expect(prev && (Math.abs(prev.x - p.x) < 0.01 || Math.abs(prev.y - p.y) < 0.01)).toBe(true);
  });
}

describe('buildLayoutGraph + runLayout', () => {
  it('lays out 3 related tables: 3 cards, FK edges from the FK row to the referenced row', async () => {
    const graph = buildLayoutGraph(shop, options);
    expect(graph.elk.children?.length).toBe(3);
    const layout = await runLayout(graph);
    expect(layout.nodes.map((n) => n.key).sort()).toEqual([
      'public.customer',
      'public.order_line',
      'public.orders',
    ]);
    expect(layout.edges.length).toBe(3); // two between tables, one self-reference
    const toCustomer = layout.edges.find((e) => e.toKey === 'public.customer');
    const toOrders = layout.edges.find((e) => e.toKey === 'public.orders');
    expect(toCustomer).toMatchObject({
      fromKey: 'public.orders',
      fromColumn: 'customer_id',
      toColumn: 'id',
    });
    for (const [edge, fromRow, toRow] of [
      [toCustomer, 2, 0],
      [toOrders, 0, 0],
    ] as const) {
      if (!edge) throw new Error('edge missing');
      expectOnRow(edge.points[0], node(layout, edge.fromKey), fromRow);
      expectOnRow(edge.points.at(-1), node(layout, edge.toKey), toRow);
      expectOrthogonal(edge);
      // Child east side → parent west side: the parent sits to the right.
      expect(edge.points[0]?.x).toBeCloseTo(
        node(layout, edge.fromKey).x + node(layout, edge.fromKey).width,
        0,
      );
      expect(edge.points.at(-1)?.x).toBeCloseTo(node(layout, edge.toKey).x, 0);
    }
    const self = layout.edges.find((e) => e.fromKey === e.toKey);
    const lines = node(layout, 'public.order_line');
    expectOnRow(self?.points[0], lines, 0);
    expectOnRow(self?.points.at(-1), lines, 0);
    expect(nodeOverlaps(layout)).toBe(0);
    expect(layout.width).toBeGreaterThanOrEqual(
      Math.max(...layout.nodes.map((n) => n.x + n.width)),
    );
  });

  it('sizes cards from the longest name/type and the column count', () => {
    const graph = buildLayoutGraph(shop, options);
    const card = graph.cards.find((c) => c.key === 'public.orders');
    // Marker slot (16 + 2) + "placed_at" (9) + gap + "timestamptz" (11) at 7.2 px, plus padding.
    expect(card?.width).toBe(Math.ceil(18 + 20 * 7.2 + 24 + 24));
    expect(card?.height).toBe(32 + 3 * 24);
  });

  it('runs with an injected ELK instance (as the worker will), after a warm-up', async () => {
    const elk = new ELK();
    const warm = await runLayoutWith(elk, buildLayoutGraph(warmUpModel(14), options));
    expect(warm.nodes.length).toBe(14);
    const layout = await runLayoutWith(elk, buildLayoutGraph(shop, options));
    expect(layout.nodes.length).toBe(3);
  });

  it('warms up on a schema shaped like a real one: FKs to earlier tables and a few islands', () => {
    const model = warmUpModel(20);
    expect(model.relations).toHaveLength(20);
    const keys = new Set(model.relations.map((r) => r.key));
    const fks = model.relations.flatMap((r) => r.foreignKeys);
    expect(fks.length).toBeGreaterThan(20);
    for (const fk of fks) expect(keys.has(fk.referencedKey)).toBe(true);
    const referenced = new Set(fks.map((f) => f.referencedKey));
    const islands = model.relations.filter(
      (r) => r.foreignKeys.length === 0 && !referenced.has(r.key),
    );
    expect(islands.length).toBeGreaterThanOrEqual(2);
    expect(model.relations.every((r) => r.columns.some((c) => c.isPrimaryKey))).toBe(true);
  });

  it('warms up on graphs of several shapes, each with its keys pointing at earlier tables', () => {
    const edges = (shape: number) =>
      warmUpModel(20, shape)
        .relations.flatMap((r) => r.foreignKeys.map((fk) => `${r.key}>${fk.referencedKey}`))
        .sort()
        .join(' ');
    const shapes = [0, 1, 2, 3, 4].map(edges);
    expect(new Set(shapes).size).toBe(5);
    for (const shape of [0, 1, 2, 3, 4]) {
      const order = (key: string) => Number(key.replace(/\D/g, ''));
      for (const r of warmUpModel(20, shape).relations) {
        for (const fk of r.foreignKeys) expect(order(fk.referencedKey)).toBeLessThan(order(r.key));
      }
    }
  });

  it('never overlaps cards on a 60-table schema', async () => {
    const layout = await runLayout(buildLayoutGraph(generatedModel(60), options));
    expect(layout.nodes.length).toBe(60);
    expect(nodeOverlaps(layout)).toBe(0);
    layout.edges.forEach(expectOrthogonal);
  });

  it('packs 30 disconnected tables into a block, not one column', async () => {
    const layout = await runLayout(buildLayoutGraph(disconnectedModel(30), options));
    expect(nodeOverlaps(layout)).toBe(0);
    expect(aspectRatio(layout)).toBeGreaterThan(0.5);
    expect(aspectRatio(layout)).toBeLessThan(2.5);
    expect(new Set(layout.nodes.map((n) => n.x)).size).toBeGreaterThan(3);
  });

  it('lays out 400 tables and ~800 foreign keys (logs the time)', async () => {
    const graph = buildLayoutGraph(generatedModel(400), options);
    const started = performance.now();
    const layout = await runLayout(graph);
    console.log(
      `layout, 400 tables / ${graph.edges.length} FKs: ${(performance.now() - started).toFixed(0)} ms (first run, cold JIT)`,
    );
    expect(layout.nodes.length).toBe(400);
    expect(nodeOverlaps(layout)).toBe(0);
  });
});

describe('pinned positions', () => {
  const base = generatedModel(20);
  const withNew = (extra: SchemaModel): SchemaModel => ({
    ...base,
    relations: [...base.relations, ...extra.relations].sort((a, b) => (a.key < b.key ? -1 : 1)),
  });

  async function relayout(next: SchemaModel, before: PositionedLayout) {
    const pins = Object.fromEntries(before.nodes.map((n) => [n.key, { x: n.x, y: n.y }]));
    return runLayout(buildLayoutGraph(next, options, pins));
  }

  it('keeps every placed table exactly where it was when one table is added', async () => {
    const before = await runLayout(buildLayoutGraph(base, options));
    const added = model([
      {
        name: 'zz_new',
        columns: ['id', 't005_id', 't012_id'],
        fks: [
          { columns: ['t005_id'], to: 't005', toColumns: ['id'] },
          { columns: ['t012_id'], to: 't012', toColumns: ['id'] },
        ],
      },
    ]);
    const after = await relayout(withNew(added), before);
    for (const n of before.nodes) {
      expect(node(after, n.key), n.key).toMatchObject({ x: n.x, y: n.y });
    }
    expect(after.nodes.length).toBe(21);
    expect(nodeOverlaps(after)).toBe(0);
    // Every FK still has a route, including those to and from the new card.
    expect(after.edges.length).toBe(before.edges.length + 2);
    const fresh = node(after, 'public.zz_new');
    const toT005 = after.edges.find(
      (e) => e.fromKey === 'public.zz_new' && e.toKey === 'public.t005',
    );
    expectOnRow(toT005?.points[0], fresh, 1);
    expectOnRow(toT005?.points.at(-1), node(after, 'public.t005'), 0);
    if (toT005) expectOrthogonal(toT005);
  });

  it('places a new connected pair and an island without moving anything', async () => {
    const before = await runLayout(buildLayoutGraph(base, options));
    const added = model([
      {
        name: 'zz_a',
        columns: ['id', 't001_id'],
        fks: [{ columns: ['t001_id'], to: 't001', toColumns: ['id'] }],
      },
      {
        name: 'zz_b',
        columns: ['id', 'a_id'],
        fks: [{ columns: ['a_id'], to: 'zz_a', toColumns: ['id'] }],
      },
      { name: 'zz_island', columns: ['id'] },
    ]);
    const after = await relayout(withNew(added), before);
    for (const n of before.nodes) expect(node(after, n.key)).toMatchObject({ x: n.x, y: n.y });
    expect(nodeOverlaps(after)).toBe(0);
    // The pair keeps ELK's internal layout: child left of parent.
    expect(node(after, 'public.zz_b').x).toBeLessThan(node(after, 'public.zz_a').x);
  });

  it('drops pins of removed tables and keeps the rest', async () => {
    const before = await runLayout(buildLayoutGraph(base, options));
    const smaller = { ...base, relations: base.relations.filter((r) => r.key !== 'public.t003') };
    const after = await relayout(smaller, before);
    expect(after.nodes.length).toBe(19);
    for (const n of after.nodes)
      expect(n).toMatchObject({ x: node(before, n.key).x, y: node(before, n.key).y });
  });
});
