// Runs ELK on a layout graph. The ELK instance is injected so the same code runs with the
// bundled ELK in Node tests and inside the app's Web Worker.
import type { ELK } from 'elkjs/lib/elk-api';
import { applyLayout, placeAroundPinned } from './apply';
import type { LayoutGraph, PositionedLayout } from './types';

/** The part of an ELK instance the layout needs. */
export type ElkLike = Pick<ELK, 'layout'>;

/** Lays a graph out with the given ELK; pinned cards keep their exact positions. */
export async function runLayoutWith(elk: ElkLike, graph: LayoutGraph): Promise<PositionedLayout> {
  const hasPins = Object.keys(graph.pinned).length > 0;
  const freeCount = graph.elk.children?.length ?? 0;
  const result = freeCount > 0 ? applyLayout(await elk.layout(graph.elk), graph) : null;
  if (!hasPins) return result ?? { nodes: [], edges: [], width: 0, height: 0 };
  return placeAroundPinned(graph, result);
}

let bundled: Promise<ElkLike> | undefined;

/**
 * Lays a graph out with `elkjs/lib/elk.bundled.js`, loaded on first use (it is ~1.5 MB).
 * In the browser, prefer `runLayoutWith` with an ELK that runs in a worker.
 */
export async function runLayout(graph: LayoutGraph): Promise<PositionedLayout> {
  bundled ??= import('elkjs/lib/elk.bundled.js').then(
    ({ default: ELKConstructor }) => new ELKConstructor(),
  );
  return runLayoutWith(await bundled, graph);
}
