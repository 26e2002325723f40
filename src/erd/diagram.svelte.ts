// The diagram of one engine's database: lays the live schema out in a worker, keeps cards
// where they were when the schema changes, and lets the user move them. A newer layout
// request always wins over an older one still computing.

import type { SchemaModel } from '../schema/model';
import type { LayoutRequest, LayoutResponse, LayoutWorkerMessage } from './layout-protocol';
import {
  DEFAULT_METRICS,
  cardSize,
  type Point,
  type PositionedEdge,
  type PositionedLayout,
} from './layout';
import { overlaps, routeEdge } from './layout/route';
import { diagramModel } from './fold';

export type DiagramStatus = 'empty' | 'working' | 'ready' | 'error';

/** What the diagram needs to keep positions with the playground. */
export interface PositionStore {
  get(): Record<string, Point>;
  set(positions: Record<string, Point>): void;
}

let worker: Worker | undefined;
const pending = new Map<number, (r: LayoutResponse) => void>();
let nextId = 0;
let layoutWarmed: () => void = () => undefined;
/** Settles when the layout worker has finished warming ELK up. */
const layoutWarm = new Promise<void>((resolve) => (layoutWarmed = resolve));

/** The one layout worker of the page, started on first use. */
function layoutWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<LayoutWorkerMessage>) => {
      const data = e.data;
      if ('type' in data) {
        // For benchmarks and the performance timeline: ELK is warm from here on.
        performance.mark('schemalab:layout-warm', { detail: { ms: data.ms } });
        layoutWarmed();
        return;
      }
      pending.get(data.id)?.(data);
      pending.delete(data.id);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      for (const [id, resolve] of pending) {
        resolve({ id, ok: false, message: e.message || 'The layout worker failed.' });
      }
      pending.clear();
      worker = undefined;
    };
  }
  return worker;
}

/**
 * Starts the layout worker ahead of need: loading ELK and letting V8 optimise it takes a few
 * seconds, which would otherwise delay the first diagram. Settles when ELK is warm.
 */
export function prewarmLayout(): Promise<void> {
  layoutWorker();
  return layoutWarm;
}

function requestLayout(model: SchemaModel, pinned: Record<string, Point>): Promise<LayoutResponse> {
  const id = ++nextId;
  const message: LayoutRequest = { id, model, pinned };
  // For tests and the performance timeline: one mark per layout the worker is asked for.
  performance.mark('schemalab:layout-requested', { detail: { tables: model.relations.length } });
  return new Promise((resolve) => {
    pending.set(id, resolve);
    layoutWorker().postMessage(message);
  });
}

export class DiagramStore {
  model = $state.raw<SchemaModel | undefined>();
  layout = $state.raw<PositionedLayout | undefined>();
  status = $state<DiagramStatus>('empty');
  /**
   * The engine's catalog is being read again (after a run): the diagram on screen may be
   * about to change, so it does not count as ready.
   */
  reading = $state(false);
  error = $state<string | undefined>();
  layoutMs = $state<number | undefined>();
  /** Bumped when a layout lands, so the view can fit it to the screen on first show. */
  revision = $state(0);

  private latest = 0;
  private laidOutModel: SchemaModel | undefined;
  /** The model whose layout is being computed, so that asking again does not restart it. */
  private pendingModel: SchemaModel | undefined;

  constructor(private readonly positions: PositionStore) {}

  /**
   * Lays out `model` unless it is the one on screen already. The diagram draws it with its
   * partitions folded into their tables' cards (`diagramModel`).
   */
  async show(model: SchemaModel | undefined): Promise<void> {
    const shown = model && diagramModel(model);
    this.model = shown;
    if (!shown || shown === this.laidOutModel || shown === this.pendingModel) return;
    await this.layoutNow(shown, this.pinsFor(shown));
  }

  /** Forgets every position and lays the whole diagram out again. */
  async relayout(): Promise<void> {
    if (!this.model) return;
    this.positions.set({});
    this.layout = undefined;
    await this.layoutNow(this.model, {});
  }

  /** Moves a card (dragging) and re-routes the edges that touch it. */
  moveCard(key: string, x: number, y: number): void {
    const layout = this.layout;
    if (!layout) return;
    const nodes = layout.nodes.map((n) => (n.key === key ? { ...n, x, y } : n));
    const byKey = new Map(nodes.map((n) => [n.key, n]));
    const columns = this.columnsByKey();
    const edges = layout.edges.map((e, lane): PositionedEdge => {
      if (e.fromKey !== key && e.toKey !== key) return e;
      const from = byKey.get(e.fromKey);
      const to = byKey.get(e.toKey);
      if (!from || !to) return e;
      return {
        ...routeEdge(
          e,
          { ...from, columns: columns.get(e.fromKey) ?? [] },
          { ...to, columns: columns.get(e.toKey) ?? [] },
          DEFAULT_METRICS,
          lane,
        ),
        id: e.id,
        foreignKeyIndex: e.foreignKeyIndex,
      };
    });
    this.layout = { ...layout, nodes, edges, ...extent(nodes) };
  }

  /** Saves the card positions with the playground (after a drag ends). */
  savePositions(): void {
    if (!this.layout) return;
    this.positions.set(positionsOf(this.layout));
  }

  /** Clears the diagram (another playground, or the database was reset). */
  clear(): void {
    this.latest++;
    this.model = undefined;
    this.layout = undefined;
    this.laidOutModel = undefined;
    this.pendingModel = undefined;
    this.status = 'empty';
  }

  private columnsByKey(): Map<string, string[]> {
    return new Map((this.model?.relations ?? []).map((r) => [r.key, r.columns.map((c) => c.name)]));
  }

  /**
   * Cards keep the place they had on screen (or the place saved with the playground). A card
   * that grew since the last layout and now runs into a neighbour is let go, so it is placed
   * again instead of overlapping; positions the user chose are otherwise always kept.
   */
  private pinsFor(model: SchemaModel): Record<string, Point> {
    const previous = new Map((this.layout?.nodes ?? []).map((n) => [n.key, n]));
    const saved = this.layout ? positionsOf(this.layout) : this.positions.get();
    const rects: {
      key: string;
      x: number;
      y: number;
      width: number;
      height: number;
      grew: boolean;
    }[] = [];
    for (const r of model.relations) {
      const p = saved[r.key];
      if (!p) continue;
      const size = cardSize(r, DEFAULT_METRICS);
      const before = previous.get(r.key);
      const grew = !!before && (size.height > before.height || size.width > before.width);
      rects.push({ key: r.key, x: p.x, y: p.y, ...size, grew });
    }
    const pins: Record<string, Point> = {};
    for (const rect of rects) {
      const clash = rect.grew && rects.some((other) => other !== rect && overlaps(rect, other, 4));
      if (!clash) pins[rect.key] = { x: rect.x, y: rect.y };
    }
    return pins;
  }

  private async layoutNow(model: SchemaModel, pinned: Record<string, Point>): Promise<void> {
    const request = ++this.latest;
    this.status = 'working';
    this.error = undefined;
    if (model.relations.length === 0) {
      this.layout = { nodes: [], edges: [], width: 0, height: 0 };
      this.laidOutModel = model;
      this.status = 'ready';
      this.revision++;
      return;
    }
    this.pendingModel = model;
    const response = await requestLayout(model, pinned);
    // This isn't necessarily the answer to the latest request: a newer one may have started.
    if (request !== this.latest) return;
    this.pendingModel = undefined;
    if (!response.ok) {
      this.status = 'error';
      this.error = response.message;
      return;
    }
    this.layout = response.layout;
    this.layoutMs = response.ms;
    this.laidOutModel = model;
    this.status = 'ready';
    this.revision++;
    this.positions.set(positionsOf(response.layout));
  }
}

function positionsOf(layout: PositionedLayout): Record<string, Point> {
  return Object.fromEntries(
    layout.nodes.map((n) => [n.key, { x: Math.round(n.x), y: Math.round(n.y) }]),
  );
}

function extent(nodes: PositionedLayout['nodes']): { width: number; height: number } {
  let width = 0;
  let height = 0;
  for (const n of nodes) {
    width = Math.max(width, n.x + n.width);
    height = Math.max(height, n.y + n.height);
  }
  return { width, height };
}
