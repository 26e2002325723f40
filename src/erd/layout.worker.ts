// The diagram's layout worker: builds the ELK graph from the schema model and runs ELK, off
// the main thread. Cards use a monospace font, so widths are known without measuring text.
import ELK from 'elkjs/lib/elk.bundled.js';
import {
  DEFAULT_METRICS,
  buildLayoutGraph,
  runLayoutWith,
  warmUpModel,
  type Point,
} from './layout';
import type { LayoutRequest, LayoutWorkerMessage } from './layout-protocol';

const elk = new ELK();
let busy = false;
/** Set by the first real request; the warm-up stops then. */
let requested = false;

const scope = self as unknown as {
  postMessage(message: LayoutWorkerMessage): void;
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
};

scope.onmessage = async (event) => {
  const { id, model, pinned } = event.data;
  requested = true;
  busy = true;
  const t0 = performance.now();
  try {
    const graph = buildLayoutGraph(model, { metrics: DEFAULT_METRICS }, pinned);
    const layout = await runLayoutWith(elk, graph);
    scope.postMessage({ id, ok: true, layout, ms: performance.now() - t0 });
  } catch (error) {
    scope.postMessage({
      id,
      ok: false,
      message: error instanceof Error ? error.message : String(error),
    });
  } finally {
    busy = false;
  }
};

// Let V8 start optimising ELK before the first diagram, on made-up schemas that take the
// same path as real ones. The warm-up is a series of small layouts, each its own task, and
// stops as soon as a real request arrives: that request waits for one small layout at most.
// The last steps keep the cards of the previous step in place, as a second run does.
// Sizes ramp up, then repeat around 20 tables in several shapes: V8 goes on optimising ELK
// for a few dozen layouts of that size. Measured in Chromium here on this worker alone (4
// pages per build, real 20-table layouts 1.5 s after the warm-up), the first one took a
// median of 125 ms after these 32 steps, against 213 ms after 16 steps of a single shape,
// and the next ones 107–127 ms against 104–188 ms. The warm-up itself takes 3–4 s of this
// worker's time, while the user is still typing.
const WARM_UP_STEPS: [tables: number, shape: number][] = [
  [4, 0],
  [8, 0],
  [12, 0],
  [16, 0],
  [20, 0],
  [24, 0],
  [28, 0],
  ...Array.from({ length: 25 }, (_, i): [number, number] => [16 + (i % 3) * 4, i % 5]),
];
async function warmUp(): Promise<void> {
  const t0 = performance.now();
  let previous: Record<string, Point> = {};
  for (const [step, [tables, shape]] of WARM_UP_STEPS.entries()) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (requested || busy) return;
    const pinned = step >= WARM_UP_STEPS.length - 2 ? previous : {};
    const graph = buildLayoutGraph(
      warmUpModel(tables, shape),
      { metrics: DEFAULT_METRICS },
      pinned,
    );
    const layout = await runLayoutWith(elk, graph);
    previous = Object.fromEntries(layout.nodes.map((n) => [n.key, { x: n.x, y: n.y }]));
  }
  scope.postMessage({ type: 'warm', ms: performance.now() - t0 });
}
setTimeout(() => void warmUp().catch(() => undefined), 50);
