// Runs ELK on a layout graph. The ELK instance is injected so the same code runs with the
// bundled ELK in Node tests and inside the app's Web Worker.
import type { ELK } from 'elkjs/lib/elk-api';
import { applyLayout, placeAroundPinned } from './apply';
import { layoutOptionsFor } from './options';
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

/**
 * Lays out a synthetic 80-card graph so V8 starts optimising ELK's code before the user's
 * first diagram (call it when the worker is idle, ~1 s). Measured in Node at 400 tables: cold
 * first layout 2.6–3.2 s, after this 1.9–2.5 s, fully warm 0.75–1.1 s.
 */
export async function warmUpLayout(elk: ElkLike, cards = 80): Promise<void> {
  const children = Array.from({ length: cards }, (_, i) => ({
    id: `w${i}`,
    width: 180,
    height: 32 + 24 * (2 + (i % 6)),
    ports: [
      { id: `w${i}.E`, x: 180, y: 44, width: 0, height: 0 },
      { id: `w${i}.W`, x: 0, y: 44, width: 0, height: 0 },
    ],
    layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
  }));
  const edges = children.slice(1).flatMap((_, i) => [
    { id: `we${i}`, sources: [`w${i + 1}.E`], targets: [`w${Math.floor(i / 3)}.W`] },
    { id: `wf${i}`, sources: [`w${i + 1}.E`], targets: [`w${Math.floor((i * i) % (i + 1))}.W`] },
  ]);
  await elk.layout({ id: 'warm-up', layoutOptions: layoutOptionsFor('balanced'), children, edges });
}
