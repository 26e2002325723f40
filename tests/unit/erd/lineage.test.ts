// Partitions and inheritance read from a real PGlite catalog: partitions are listed inside
// their table's card, and a table that inherits from another is joined to it by a dashed
// edge between the card headers, with a hollow triangle at the parent.
import { beforeAll, describe, expect, it } from 'vitest';
import { newPGlite } from '../helpers/pg';
import { pgQuery } from '../schema/engines';
import { introspectPostgres } from '../../../src/engine/introspect/postgres';
import {
  buildLayoutGraph,
  cardinalities,
  DEFAULT_METRICS,
  runLayout,
  type PositionedLayout,
} from '../../../src/erd/layout';
import { routeEdge } from '../../../src/erd/layout/route';
import { diagramSvg } from '../../../src/erd/export-svg';
import { edgeLabel, markersOf } from '../../../src/erd/geometry';
import { diagramModel } from '../../../src/erd/fold';
import { footerLines, partitionFooter } from '../../../src/erd/card-content';
import { cardMarkup, partitionsTitle } from '../../../src/erd/card-markup';
import { findRelation, type SchemaModel } from '../../../src/schema/model';

const DDL = `
  create table customer (id int primary key, name text);
  create table payment (id int, customer_id int references customer (id), at date not null,
    primary key (id, at)) partition by range (at);
  create table payment_2024 partition of payment
    for values from ('2024-01-01') to ('2025-01-01');
  create table payment_2025 partition of payment
    for values from ('2025-01-01') to ('2026-01-01') partition by range (at);
  create table payment_2025_h1 partition of payment_2025
    for values from ('2025-01-01') to ('2025-07-01');
  create table city (name text primary key, population int);
  create table capital (state char(2)) inherits (city);
  -- As Pagila does: a key declared on each partition instead of on the table.
  create table staff (id int primary key);
  alter table payment add column staff_id int;
  alter table payment_2024 add foreign key (staff_id) references staff (id);
  alter table payment_2025_h1 add foreign key (staff_id) references staff (id);
  -- A key that references one partition.
  create table refund (id int primary key, payment_id int, at date,
    foreign key (payment_id, at) references payment_2024 (id, at));`;

describe('partitions and inheritance in the diagram', () => {
  let raw: SchemaModel;
  let model: SchemaModel;
  let layout: PositionedLayout;
  beforeAll(async () => {
    const pg = await newPGlite();
    await pg.exec(DDL);
    raw = await introspectPostgres(pgQuery(pg));
    await pg.close();
    model = diagramModel(raw);
    layout = await runLayout(buildLayoutGraph(model, { metrics: DEFAULT_METRICS }));
  });

  const node = (key: string) => {
    const n = layout.nodes.find((x) => x.key === key);
    if (!n) throw new Error(`no card ${key}`);
    return n;
  };

  it('folds every partition, sub-partitions too, into the card of its top table', () => {
    expect(raw.relations).toHaveLength(9);
    expect(model.relations.map((r) => r.key)).toEqual([
      'public.capital',
      'public.city',
      'public.customer',
      'public.payment',
      'public.refund',
      'public.staff',
    ]);
    expect(findRelation(model, 'public.payment')?.foldedPartitions).toEqual([
      {
        key: 'public.payment_2024',
        name: 'payment_2024',
        bound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
        under: null,
      },
      {
        key: 'public.payment_2025',
        name: 'payment_2025',
        bound: "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
        under: null,
      },
      {
        key: 'public.payment_2025_h1',
        name: 'payment_2025_h1',
        bound: "FOR VALUES FROM ('2025-01-01') TO ('2025-07-01')",
        under: 'payment_2025',
      },
    ]);
    // The same model gives the same object, so the diagram can tell it is already shown.
    expect(diagramModel(raw)).toBe(model);
    const plain = { ...raw, relations: raw.relations.filter((r) => !r.partitionOf) };
    expect(diagramModel(plain)).toBe(plain);
  });

  it("lists the partitions in one footer line of the table's card, with a tooltip", () => {
    const payment = findRelation(model, 'public.payment');
    if (!payment) throw new Error('no payment');
    // The primary key's index has no badge; the partitions take the only footer line.
    expect(footerLines(payment)).toBe(1);
    expect(partitionFooter(payment, 400, 12)).toEqual({
      line: 0,
      text: '▤ 3 partitions: payment_2024 … payment_2025_h1',
    });
    expect(partitionsTitle(payment)).toBe(
      [
        '3 partitions of public.payment:',
        "payment_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
        "payment_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
        "payment_2025_h1 (in payment_2025) FOR VALUES FROM ('2025-01-01') TO ('2025-07-01')",
      ].join('\n'),
    );
    expect(partitionFooter(payment, 160, 12)?.text).toBe('▤ 3 partitions: payme…');
    const svg = cardMarkup(payment, 400, 140, { detailed: true, interactive: false });
    expect(svg).toContain('▤ 3 partitions: payment_2024 … payment_2025_h1</text>');
    expect(svg).toContain('&apos;2024-01-01&apos;');
    expect(node('public.payment').height).toBe(
      DEFAULT_METRICS.headerHeight + 4 * DEFAULT_METRICS.rowHeight + 6 + 18,
    );
  });

  it('joins a child to the table it inherits from, header to header, child on the left', () => {
    const edges = layout.edges.map((e) => `${e.kind} ${e.fromKey} → ${e.toKey}`).sort();
    expect(edges).toEqual([
      'fk public.payment → public.customer',
      // Declared on two partitions: one edge from the table's card.
      'fk public.payment → public.staff',
      // References a partition: drawn to the card it is folded into.
      'fk public.refund → public.payment',
      'inherits public.capital → public.city',
    ]);
    const payment = findRelation(model, 'public.payment');
    expect(payment?.columns.find((c) => c.name === 'staff_id')?.isForeignKey).toBe(true);
    const e = layout.edges.find((x) => x.kind === 'inherits');
    if (!e) throw new Error('no inherits edge');
    const [from, to] = [node(e.fromKey), node(e.toKey)];
    const mid = DEFAULT_METRICS.headerHeight / 2;
    expect(e.points[0]).toEqual({ x: from.x + from.width, y: from.y + mid });
    expect(e.points.at(-1)).toEqual({ x: to.x, y: to.y + mid });
    expect(from.x + from.width).toBeLessThan(to.x);

    // Dragged: the re-routed edge still meets both headers.
    const moved = routeEdge(
      e,
      { ...from, x: 900, y: 700, columns: ['name', 'population', 'state'] },
      { ...to, columns: ['name', 'population'] },
      DEFAULT_METRICS,
      0,
    );
    expect(moved.kind).toBe('inherits');
    expect(moved.points[0]?.y).toBe(700 + mid);
    expect(moved.points.at(-1)?.y).toBe(to.y + mid);
  });

  it('draws inheritance dashed with a triangle at the parent, and names it in words', () => {
    const cards = cardinalities(model);
    const inherits = layout.edges.find((e) => e.kind === 'inherits');
    const fk = layout.edges.find((e) => e.kind === 'fk');
    if (!inherits || !fk) throw new Error('edges missing');
    expect(markersOf(inherits, cards)).toEqual({ end: 'm-parent' });
    expect(markersOf(fk, cards)).toEqual({ start: 'm-many-zero', end: 'm-one-zero' });
    expect(edgeLabel(inherits)).toBe('public.capital inherits from public.city');
    const svg = diagramSvg(model, layout, cards);
    expect(svg.match(/<path class="edge inherits"/g)).toHaveLength(1);
    expect(svg.match(/<path class="edge"/g)).toHaveLength(3);
    expect(svg).toContain('<marker id="m-parent"');
    expect(svg).toContain('<title>public.capital inherits from public.city</title>');
    expect(svg.match(/<rect class="card/g)).toHaveLength(6);
  });
});
